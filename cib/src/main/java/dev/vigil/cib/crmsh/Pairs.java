package dev.vigil.cib.crmsh;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlNode;
import java.util.ArrayList;
import java.util.List;

/** Merging name/value blocks: what {@code property NAME=VALUE} does to an existing property set. Stateless. */
final class Pairs {
    private Pairs() {
    }

    /**
     * {@code existing} with every pair of {@code update} set: a pair of the same name gets the new
     * value (keeping its id), other pairs are appended. Heartbeat 2.0's {@code <attributes>}
     * wrapper is followed.
     */
    static XmlElement merged(XmlElement existing, XmlElement update) {
        XmlElement legacy = existing.element("attributes");
        XmlElement target = legacy != null ? legacy : existing;
        List<XmlNode> children = new ArrayList<>(target.children());
        for (XmlElement pair : update.elements("nvpair")) {
            boolean found = false;
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) instanceof XmlElement e && e.name().equals("nvpair")
                        && pair.attr("name").equals(e.attr("name"))) {
                    children.set(i, e.withAttribute("value", pair.attr("value")));
                    found = true;
                    break;
                }
            }
            if (!found) {
                children.add(pair);
            }
        }
        XmlElement merged = target.withChildren(children);
        if (legacy == null) {
            return merged;
        }
        List<XmlNode> outer = new ArrayList<>();
        for (XmlNode n : existing.children()) {
            outer.add(n == legacy ? merged : n);
        }
        return existing.withChildren(outer);
    }
}
