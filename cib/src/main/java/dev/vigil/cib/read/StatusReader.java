package dev.vigil.cib.read;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.ResourceHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code <status>} section: node states, transient attributes and operation history. */
final class StatusReader {
    private StatusReader() {
    }

    static List<NodeState> read(ReadContext ctx, XmlElement status) {
        List<NodeState> out = new ArrayList<>();
        if (status == null) {
            return out;
        }
        for (XmlElement ns : status.elements("node_state")) {
            Map<String, String> transientAttrs = new LinkedHashMap<>();
            for (XmlElement ta : ns.elements("transient_attributes")) {
                for (XmlElement block : ta.elements("instance_attributes")) {
                    Attributes.readPairs(ctx, block, transientAttrs);
                }
            }
            List<ResourceHistory> history = new ArrayList<>();
            XmlElement lrm = ns.element("lrm");
            if (lrm != null) {
                XmlElement resources = lrm.element("lrm_resources");
                if (resources != null) {
                    for (XmlElement r : resources.elements("lrm_resource")) {
                        history.add(resource(ns.attr("uname"), r));
                    }
                }
            }
            out.add(new NodeState(ns.attr("id"), ns.attr("uname"), ns.attr("in_ccm"), ns.attr("crmd"),
                    ns.attr("join"), ns.attr("expected"), ns.attr("shutdown"), transientAttrs, history,
                    lrm != null));
        }
        return out;
    }

    private static ResourceHistory resource(String node, XmlElement r) {
        List<OperationRecord> ops = new ArrayList<>();
        for (XmlElement op : r.elements("lrm_rsc_op")) {
            ops.add(operation(node, op));
        }
        return new ResourceHistory(r.attr("id"), r.attr("class"), r.attr("provider"), r.attr("type"),
                r.attr("container"), ops);
    }

    private static OperationRecord operation(String node, XmlElement op) {
        String key = op.attr("transition-key");
        int expected = -1;
        if (key != null) {
            String[] parts = key.split(":");
            if (parts.length >= 3) {
                expected = toInt(parts[2], -1);
            }
        }
        int rc = toInt(op.attr("rc-code"), -1);
        int status = toInt(op.attr("op-status"), 0);
        String magic = op.attr("transition-magic");
        if (op.attr("rc-code") == null && magic != null) {
            int colon = magic.indexOf(':');
            int semi = magic.indexOf(';');
            if (colon > 0 && semi > colon) {
                status = toInt(magic.substring(0, colon), status);
                rc = toInt(magic.substring(colon + 1, semi), rc);
            }
        }
        return new OperationRecord(op.attr("id"), op.attr("operation"), toInt(op.attr("call-id"), -1), rc, status,
                expected, toLong(op.attr("interval"), 0), toLong(op.attr("last-rc-change"),
                toLong(op.attr("last-run"), 0)), op.attr("migrate_source"), op.attr("migrate_target"),
                op.attr("op-digest"), op.attr("op-restart-digest"), key, op.attr("exit-reason"),
                op.attr("on_node", node));
    }

    private static int toInt(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long toLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
