package dev.vigil.cli.configure;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the legacy spellings of an older Pacemaker or Heartbeat 2 CIB to the ones Vigil (and
 * Pacemaker 3) writes: a {@code <master>} becomes a {@code <clone>} with {@code promotable=true},
 * {@code master-max}/{@code master-node-max} become {@code promoted-max}/{@code promoted-node-max},
 * the roles {@code Master}/{@code Slave} become {@code Promoted}/{@code Unpromoted}, the cluster
 * options {@code stonith-enabled}/{@code stonith-action} become {@code fencing-enabled}/{@code
 * fencing-action}, and Heartbeat 2.0's {@code <attributes>} wrappers go. Ids are kept (a renamed
 * option's id {@code …-stonith-enabled} follows its name when the new id is free). Meaning is
 * unchanged: Vigil reads the legacy spellings too. Stateless.
 */
final class LegacyCib {
    private static final Map<String, String> OPTIONS = Map.of("stonith-enabled", "fencing-enabled",
            "stonith-action", "fencing-action");
    private static final Map<String, String> META = Map.of("master-max", "promoted-max",
            "master-node-max", "promoted-node-max");
    private static final Set<String> ROLE_ATTRIBUTES = Set.of("role", "rsc-role", "with-rsc-role");

    private LegacyCib() {
    }

    /** The upgraded CIB and one line per kind of change made. */
    record Result(XmlElement cib, List<String> changes) {
    }

    static Result upgrade(XmlElement cib) {
        Upgrade u = new Upgrade(ids(cib));
        XmlElement out = u.element(cib, "");
        List<String> changes = new ArrayList<>();
        u.counts.forEach((what, n) -> changes.add(what + (n > 1 ? " (" + n + " times)" : "")));
        return new Result(out, changes);
    }

    private static Set<String> ids(XmlElement e) {
        Set<String> out = new HashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(XmlElement e, Set<String> out) {
        if (e.attr("id") != null) {
            out.add(e.attr("id"));
        }
        e.elements().forEach(c -> collect(c, out));
    }

    private static final class Upgrade {
        final Set<String> ids;
        final Map<String, Integer> counts = new LinkedHashMap<>();

        Upgrade(Set<String> ids) {
            this.ids = ids;
        }

        void note(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        XmlElement element(XmlElement e, String parent) {
            Map<String, String> attrs = new LinkedHashMap<>(e.attributes());
            for (String a : ROLE_ATTRIBUTES) {
                String v = attrs.get(a);
                if (v != null && role(v) != null) {
                    attrs.put(a, role(v));
                    note("role '" + v + "' is now '" + role(v) + "'");
                }
            }
            String name = e.name();
            if (name.equals("nvpair")) {
                rename(attrs, parent.equals("cluster_property_set") ? OPTIONS : META, parent);
                if ("target-role".equals(attrs.get("name")) && role(attrs.getOrDefault("value", "")) != null) {
                    String v = attrs.get("value");
                    attrs.put("value", role(v));
                    note("target-role '" + v + "' is now '" + role(v) + "'");
                }
            }
            List<XmlNode> children = new ArrayList<>();
            for (XmlNode n : e.children()) {
                if (n instanceof XmlElement c && c.name().equals("attributes") && c.attributes().isEmpty()) {
                    note("Heartbeat 2.0 <attributes> wrapper removed");
                    c.children().forEach(x -> children.add(x instanceof XmlElement xe ? element(xe, name) : x));
                } else {
                    children.add(n instanceof XmlElement c ? element(c, name) : n);
                }
            }
            if (name.equals("master")) {
                note("master '" + attrs.get("id") + "' is now a promotable clone");
                return promotable(new XmlElement("clone", attrs, children, e.line()));
            }
            return new XmlElement(name, attrs, children, e.line());
        }

        private void rename(Map<String, String> attrs, Map<String, String> names, String parent) {
            String old = attrs.get("name");
            String now = old == null ? null : names.get(old);
            if (now == null || (!parent.equals("cluster_property_set") && !parent.equals("meta_attributes"))) {
                return;
            }
            attrs.put("name", now);
            String id = attrs.get("id");
            if (id != null && id.endsWith(old) && !ids.contains(id.substring(0, id.length() - old.length()) + now)) {
                attrs.put("id", id.substring(0, id.length() - old.length()) + now);
                ids.add(attrs.get("id"));
            }
            note("'" + old + "' is now '" + now + "'");
        }

        /** A clone with {@code promotable=true} first in its first plain meta_attributes (created when missing). */
        private XmlElement promotable(XmlElement clone) {
            List<XmlNode> children = new ArrayList<>(clone.children());
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) instanceof XmlElement m && m.name().equals("meta_attributes")
                        && m.element("rule") == null && m.attr("id-ref") == null) {
                    if (m.elements("nvpair").stream().anyMatch(p -> "promotable".equals(p.attr("name")))) {
                        return clone;
                    }
                    List<XmlNode> pairs = new ArrayList<>(m.children());
                    pairs.add(0, pair(m.attr("id", clone.attr("id") + "-meta_attributes")));
                    children.set(i, m.withChildren(pairs));
                    return clone.withChildren(children);
                }
            }
            String setId = free(clone.attr("id") + "-meta_attributes");
            children.add(0, new XmlElement("meta_attributes", Map.of("id", setId), List.of(pair(setId)), 0));
            return clone.withChildren(children);
        }

        private XmlElement pair(String setId) {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("id", free(setId + "-promotable"));
            a.put("name", "promotable");
            a.put("value", "true");
            return new XmlElement("nvpair", a, List.of(), 0);
        }

        private String free(String base) {
            String id = base;
            for (int i = 0; ids.contains(id); i++) {
                id = base + "-" + i;
            }
            ids.add(id);
            return id;
        }

        private static String role(String v) {
            return switch (v) {
                case "Master", "master" -> "Promoted";
                case "Slave", "slave" -> "Unpromoted";
                default -> null;
            };
        }
    }
}
