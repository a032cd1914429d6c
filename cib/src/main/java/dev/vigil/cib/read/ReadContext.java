package dev.vigil.cib.read;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** State shared while one CIB document is turned into the model: the id index and the problems found. */
final class ReadContext {
    final Map<String, XmlElement> byId = new HashMap<>();
    final List<ConfigProblem> problems = new ArrayList<>();

    ReadContext(XmlElement root) {
        index(root);
    }

    private void index(XmlElement e) {
        String id = e.attr("id");
        if (id != null && e.attr("id-ref") == null && !e.name().equals("node_state") && !isStatusChild(e)) {
            byId.putIfAbsent(id, e);
        }
        for (XmlElement c : e.elements()) {
            if (!c.name().equals("status")) {
                index(c);
            }
        }
    }

    private static boolean isStatusChild(XmlElement e) {
        return switch (e.name()) {
            case "lrm_rsc_op", "lrm_resource", "lrm", "lrm_resources", "transient_attributes" -> true;
            default -> false;
        };
    }

    /** Follows an {@code id-ref} to the referenced element, reporting a dangling reference. */
    XmlElement resolve(XmlElement e) {
        String ref = e.attr("id-ref");
        if (ref == null) {
            return e;
        }
        XmlElement target = byId.get(ref);
        if (target == null) {
            error(e, e.name() + " refers to unknown id '" + ref + "'");
            return e;
        }
        return target;
    }

    void error(XmlElement e, String message) {
        problems.add(ConfigProblem.error(e.describe(), e.line(), message));
    }

    void warning(XmlElement e, String message) {
        problems.add(ConfigProblem.warning(e.describe(), e.line(), message));
    }
}
