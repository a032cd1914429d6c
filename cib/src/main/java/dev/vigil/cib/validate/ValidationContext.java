package dev.vigil.cib.validate;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the checks of one validation share: the {@code <configuration>} element, an index of its ids,
 * the known resource, tag and node names, and the problems found so far.
 */
final class ValidationContext {
    /** Elements whose {@code id} attribute refers to another element instead of naming this one. */
    private static final Set<String> REFERENCE_ELEMENTS = Set.of("resource_ref", "obj_ref", "role_ref", "acl_target");

    /** Elements that define resources a constraint may name. */
    static final Set<String> RESOURCE_ELEMENTS = Set.of("primitive", "group", "clone", "master", "bundle",
            "template");

    final XmlElement configuration;
    final Map<String, XmlElement> byId = new HashMap<>();
    final Set<String> resourceIds = new LinkedHashSet<>();
    final Map<String, List<String>> tags = new LinkedHashMap<>();
    final Set<String> nodeNames = new LinkedHashSet<>();
    final List<ConfigProblem> problems = new ArrayList<>();

    ValidationContext(XmlElement configuration) {
        this.configuration = configuration;
        walk(configuration, e -> {
            String id = e.attr("id");
            if (definesId(e)) {
                byId.putIfAbsent(id, e);
            }
            if (id != null && RESOURCE_ELEMENTS.contains(e.name()) && e.attr("id-ref") == null) {
                resourceIds.add(id);
            }
        });
        XmlElement tagsEl = configuration.element("tags");
        if (tagsEl != null) {
            for (XmlElement t : tagsEl.elements("tag")) {
                List<String> members = new ArrayList<>();
                for (XmlElement ref : t.elements("obj_ref")) {
                    if (ref.attr("id") != null) {
                        members.add(ref.attr("id"));
                    }
                }
                if (t.attr("id") != null) {
                    tags.put(t.attr("id"), members);
                }
            }
        }
        XmlElement nodes = configuration.element("nodes");
        if (nodes != null) {
            for (XmlElement n : nodes.elements("node")) {
                String name = n.attr("uname", n.attr("id"));
                if (name != null) {
                    nodeNames.add(name);
                }
            }
        }
    }

    /** Whether {@code e} carries an {@code id} of its own (not a reference to another element's id). */
    static boolean definesId(XmlElement e) {
        if (e.attr("id") == null || e.attr("id-ref") != null || REFERENCE_ELEMENTS.contains(e.name())) {
            return false;
        }
        // <role id=".."/> inside an ACL target or group refers to an <acl_role>.
        return !e.name().equals("role") || !e.attributes().keySet().equals(Set.of("id"));
    }

    /** Whether {@code id} names a resource or a tag. */
    boolean isResourceOrTag(String id) {
        return resourceIds.contains(id) || tags.containsKey(id);
    }

    /** The element an {@code id-ref} points at, or {@code e} itself. */
    XmlElement resolve(XmlElement e) {
        String ref = e.attr("id-ref");
        if (ref == null) {
            return e;
        }
        XmlElement target = byId.get(ref);
        return target == null ? e : target;
    }

    /** The constraint elements directly under {@code <constraints>}, in document order. */
    List<XmlElement> constraints() {
        XmlElement c = configuration.element("constraints");
        return c == null ? List.of() : c.elements();
    }

    void error(XmlElement e, int line, String message) {
        problems.add(ConfigProblem.error(e.describe(), line, message));
    }

    void error(XmlElement e, String message) {
        error(e, e.line(), message);
    }

    void warning(XmlElement e, String message) {
        problems.add(ConfigProblem.warning(e.describe(), e.line(), message));
    }

    /** Visits {@code e} and all its descendant elements, parents first, in document order. */
    static void walk(XmlElement e, Consumer<XmlElement> visitor) {
        visitor.accept(e);
        for (XmlElement c : e.elements()) {
            walk(c, visitor);
        }
    }
}
