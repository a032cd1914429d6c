package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects of the configuration being replaced or merged into, by id, so that a new
 * definition of an object can keep the ids its nested elements had (an edit that changes nothing
 * changes nothing), and a node written by name keeps its node id.
 */
final class OldIndex {
    private final Map<String, XmlElement> resources = new HashMap<>();
    private final Map<String, XmlElement> nodes = new HashMap<>();
    private final Map<String, String> nodeIdByUname = new HashMap<>();
    private final Map<String, Map<String, XmlElement>> sections = new HashMap<>();
    private final Map<String, XmlElement> levels = new HashMap<>();

    private OldIndex() {
    }

    /** The index of a {@code <configuration>} (null: empty). */
    static OldIndex of(XmlElement configuration) {
        OldIndex idx = new OldIndex();
        if (configuration == null) {
            return idx;
        }
        for (XmlElement section : configuration.elements()) {
            switch (section.name()) {
                case "resources" -> idx.indexResources(section);
                case "nodes" -> section.elements("node").forEach(n -> {
                    idx.nodes.putIfAbsent(n.attr("id", ""), n);
                    if (n.attr("uname") != null) {
                        idx.nodeIdByUname.putIfAbsent(n.attr("uname"), n.attr("id", n.attr("uname")));
                    }
                });
                case "fencing-topology" -> section.elements("fencing-level").forEach(l ->
                        idx.levels.putIfAbsent(l.attr("target", "") + "\u0000" + l.attr("index", ""), l));
                default -> section.elements().forEach(e -> {
                    if (e.attr("id") != null) {
                        idx.sections.computeIfAbsent(section.name(), k -> new HashMap<>()).putIfAbsent(e.attr("id"), e);
                    }
                });
            }
        }
        return idx;
    }

    private void indexResources(XmlElement e) {
        for (XmlElement c : e.elements()) {
            if (ResourcePool.RESOURCE_TAGS.contains(c.name()) && c.attr("id") != null) {
                resources.putIfAbsent(c.attr("id"), c);
                indexResources(c);
            }
        }
    }

    /** The node id an existing node named {@code uname} has, or null. */
    String nodeId(String uname) {
        return nodeIdByUname.get(uname);
    }

    /** The old element {@code fresh} replaces, or null. */
    XmlElement counterpart(String section, XmlElement fresh) {
        XmlElement old = switch (section) {
            case "resources" -> resources.get(fresh.attr("id"));
            case "nodes" -> nodes.get(fresh.attr("id"));
            case "fencing-topology" -> levels.get(fresh.attr("target", "") + "\u0000" + fresh.attr("index", ""));
            default -> sections.getOrDefault(section, Map.of()).get(fresh.attr("id"));
        };
        if (old == null) {
            return null;
        }
        boolean sameKind = old.name().equals(fresh.name())
                || (old.name().equals("master") && fresh.name().equals("clone"));
        return sameKind ? old : null;
    }
}
