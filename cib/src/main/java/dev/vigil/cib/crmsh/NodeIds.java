package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;

/** Renames a node written by name to the node id it already has in the CIB. Stateless. */
final class NodeIds {
    private NodeIds() {
    }

    /** {@code node} with id {@code id}; its set ids {@code nodes-OLD…} become {@code nodes-ID…}. */
    static XmlElement renamed(XmlElement node, String id) {
        String before = "nodes-" + node.attr("id");
        return rename(node.withAttribute("id", id), before, "nodes-" + id);
    }

    private static XmlElement rename(XmlElement e, String from, String to) {
        List<XmlNode> children = new ArrayList<>();
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement c) {
                String cid = c.attr("id");
                XmlElement r = cid != null && cid.startsWith(from) ? c.withAttribute("id", to + cid.substring(from.length()))
                        : c;
                children.add(rename(r, from, to));
            } else {
                children.add(n);
            }
        }
        return e.withChildren(children);
    }
}
