package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Small functional edits of immutable XML trees. Stateless. */
final class Trees {
    private Trees() {
    }

    static XmlElement element(String name, Map<String, String> attrs) {
        return new XmlElement(name, new LinkedHashMap<>(attrs), List.of(), 0);
    }

    static XmlElement element(String name, String... keyValues) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            attrs.put(keyValues[i], keyValues[i + 1]);
        }
        return element(name, attrs);
    }

    static Optional<XmlElement> child(XmlElement parent, Predicate<XmlElement> match) {
        return parent.elements().stream().filter(match).findFirst();
    }

    static Predicate<XmlElement> named(String name) {
        return e -> e.name().equals(name);
    }

    static Predicate<XmlElement> withId(String name, String id) {
        return e -> e.name().equals(name) && id.equals(e.attr("id"));
    }

    /**
     * Replaces the first child matching {@code match} with {@code edit(child)}, or appends
     * {@code edit(created)} when there is none. An edit returning {@code null} removes the child.
     */
    static XmlElement upsert(XmlElement parent, Predicate<XmlElement> match, XmlElement created,
            UnaryOperator<XmlElement> edit) {
        List<XmlNode> children = new ArrayList<>(parent.children());
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof XmlElement e && match.test(e)) {
                XmlElement edited = edit.apply(e);
                if (edited == null) {
                    children.remove(i);
                } else {
                    children.set(i, edited);
                }
                return parent.withChildren(children);
            }
        }
        if (created == null) {
            return parent;
        }
        XmlElement edited = edit.apply(created);
        if (edited != null) {
            children.add(edited);
        }
        return parent.withChildren(children);
    }

    /** Removes every child matching {@code match}. */
    static XmlElement removeAll(XmlElement parent, Predicate<XmlElement> match) {
        List<XmlNode> kept = new ArrayList<>();
        for (XmlNode n : parent.children()) {
            if (!(n instanceof XmlElement e && match.test(e))) {
                kept.add(n);
            }
        }
        return kept.size() == parent.children().size() ? parent : parent.withChildren(kept);
    }

    static XmlElement withAttributes(XmlElement e, Map<String, String> attrs) {
        XmlElement out = e;
        for (Map.Entry<String, String> a : attrs.entrySet()) {
            out = out.withAttribute(a.getKey(), a.getValue());
        }
        return out;
    }

    /** Removes the element with {@code id} anywhere below {@code root}; empty when there is none. */
    static Optional<XmlElement> removeById(XmlElement root, String id) {
        List<XmlNode> children = new ArrayList<>(root.children());
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof XmlElement e) {
                if (id.equals(e.attr("id"))) {
                    children.remove(i);
                    return Optional.of(root.withChildren(children));
                }
                Optional<XmlElement> deeper = removeById(e, id);
                if (deeper.isPresent()) {
                    children.set(i, deeper.get());
                    return Optional.of(root.withChildren(children));
                }
            }
        }
        return Optional.empty();
    }

    /** Every {@code id} attribute at or below {@code root}. */
    static Set<String> ids(XmlElement root) {
        Set<String> out = new HashSet<>();
        collectIds(root, out);
        return out;
    }

    private static void collectIds(XmlElement e, Set<String> out) {
        String id = e.attr("id");
        if (id != null) {
            out.add(id);
        }
        for (XmlElement c : e.elements()) {
            collectIds(c, out);
        }
    }

    /**
     * {@code base} made a valid id as Pacemaker's {@code crm_xml_sanitize_id} does ({@code :} and
     * {@code #} become {@code .}), with {@code -1}, {@code -2}… appended while it is in {@code taken};
     * the result is added to {@code taken}.
     */
    static String uniqueId(Set<String> taken, String base) {
        String id = base.replace(':', '.').replace('#', '.');
        String candidate = id;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = id + "-" + i;
        }
        taken.add(candidate);
        return candidate;
    }

    /** {@code parent} with {@code child} appended. */
    static XmlElement append(XmlElement parent, XmlElement child) {
        List<XmlNode> children = new ArrayList<>(parent.children());
        children.add(child);
        return parent.withChildren(children);
    }

    /** Replaces the element with tag and id anywhere below {@code root}; empty when there is none. */
    static Optional<XmlElement> replaceById(XmlElement root, XmlElement replacement) {
        String id = replacement.attr("id");
        List<XmlNode> children = new ArrayList<>(root.children());
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof XmlElement e) {
                if (e.name().equals(replacement.name()) && id.equals(e.attr("id"))) {
                    children.set(i, replacement);
                    return Optional.of(root.withChildren(children));
                }
                Optional<XmlElement> deeper = replaceById(e, replacement);
                if (deeper.isPresent()) {
                    children.set(i, deeper.get());
                    return Optional.of(root.withChildren(children));
                }
            }
        }
        return Optional.empty();
    }
}
