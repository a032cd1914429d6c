package dev.vigil.cib.document;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.port.ResourceAgentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Edits of the status section in Pacemaker's format: {@code node_state} flags, the
 * {@code lrm_resource} history of each resource ({@code RSC_last_0}, {@code RSC_last_failure_0},
 * recurring entries under their own key), and {@code transient_attributes}. Stateless; each
 * method returns a new {@code <status>} element.
 */
final class StatusEditor {
    static final String BOOT_ID = "vigil-boot-id";
    /** Actions that cancel a resource's recurring monitors on the node. */
    private static final Set<String> CANCELS_RECURRING = Set.of("stop", "demote", "promote", "migrate_to");

    private StatusEditor() {
    }

    static XmlElement nodeState(XmlElement status, String node, Map<String, String> attrs) {
        return Trees.upsert(status, Trees.withId("node_state", node),
                Trees.element("node_state", "id", node, "uname", node),
                ns -> Trees.withAttributes(ns, attrs));
    }

    static XmlElement joined(XmlElement status, String node, String bootId) {
        XmlElement st = nodeState(status, node, Map.of());
        XmlElement ns = Trees.child(st, Trees.withId("node_state", node)).orElseThrow();
        String previous = ns.attr(BOOT_ID);
        boolean restarted = !"unknown".equals(bootId) && previous != null && !previous.equals(bootId);
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("in_ccm", "true");
        flags.put("crmd", "online");
        flags.put("join", "member");
        flags.put("expected", "member");
        if (!"unknown".equals(bootId)) {
            flags.put(BOOT_ID, bootId);
        }
        st = nodeState(st, node, flags);
        return restarted ? clearHistory(st, node) : st;
    }

    static XmlElement left(XmlElement status, String node) {
        return nodeState(status, node, Map.of("in_ccm", "false", "crmd", "offline", "join", "down"));
    }

    /** The node was fenced: cleanly down, its history and transient attributes forgotten. */
    static XmlElement fenced(XmlElement status, String node) {
        XmlElement st = nodeState(status, node, Map.of("in_ccm", "false", "crmd", "offline", "join", "down",
                "expected", "down"));
        return clearHistory(st, node);
    }

    /** Forgets the node's resource history and transient attributes (the node restarted or was fenced). */
    static XmlElement clearHistory(XmlElement status, String node) {
        return Trees.upsert(status, Trees.withId("node_state", node), null, ns -> {
            XmlElement out = Trees.removeAll(ns, e -> e.name().equals("lrm") || e.name().equals("transient_attributes"));
            return Trees.upsert(out, Trees.named("lrm"), Trees.element("lrm", "id", node),
                    lrm -> Trees.upsert(lrm, Trees.named("lrm_resources"), Trees.element("lrm_resources"), r -> r));
        });
    }

    static XmlElement recordOperation(XmlElement status, String node, String rsc, ResourceAgentId agent,
            OperationRecord op) {
        XmlElement st = nodeState(status, node, Map.of());
        return Trees.upsert(st, Trees.withId("node_state", node), null,
                ns -> Trees.upsert(ns, Trees.named("lrm"), Trees.element("lrm", "id", node),
                        lrm -> Trees.upsert(lrm, Trees.named("lrm_resources"), Trees.element("lrm_resources"),
                                list -> Trees.upsert(list, Trees.withId("lrm_resource", rsc), resource(rsc, agent),
                                        r -> withOperation(r, rsc, op)))));
    }

    private static XmlElement resource(String rsc, ResourceAgentId agent) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", rsc);
        a.put("type", agent.type());
        a.put("class", agent.standard());
        if (agent.provider() != null) {
            a.put("provider", agent.provider());
        }
        return Trees.element("lrm_resource", a);
    }

    private static XmlElement withOperation(XmlElement resource, String rsc, OperationRecord op) {
        XmlElement r = resource;
        if (op.intervalMs() > 0) {
            // A failed recurring monitor is also the resource's last failure, as Pacemaker records it;
            // it stays (for 'vigil status' and the fail count's story) until a cleanup.
            r = put(r, op.id(), op);
            return isFailure(op) ? put(r, rsc + "_last_failure_0", op) : r;
        }
        if (CANCELS_RECURRING.contains(op.operation()) && op.execStatus() == 0) {
            r = Trees.removeAll(r, e -> e.name().equals("lrm_rsc_op") && !"0".equals(e.attr("interval", "0"))
                    && !(rsc + "_last_failure_0").equals(e.attr("id")));
        }
        r = put(r, rsc + "_last_0", op);
        if (isFailure(op)) {
            r = put(r, rsc + "_last_failure_0", op);
        }
        return r;
    }

    static boolean isFailure(OperationRecord op) {
        if (op.execStatus() != 0 && op.execStatus() != 1) {
            return true;
        }
        boolean probe = op.operation().equals("monitor") && op.intervalMs() == 0;
        if (probe) {
            return op.rc() != 0 && op.rc() != 7 && op.rc() != 8;
        }
        return op.rc() != op.expectedRc();
    }

    private static XmlElement put(XmlElement resource, String id, OperationRecord op) {
        return Trees.upsert(resource, Trees.withId("lrm_rsc_op", id), Trees.element("lrm_rsc_op", "id", id),
                e -> Trees.element("lrm_rsc_op", attributes(id, op)));
    }

    private static Map<String, String> attributes(String id, OperationRecord op) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("operation_key", op.id());
        a.put("operation", op.operation());
        a.put("crm-debug-origin", "vigil");
        a.put("crm_feature_set", "3.19.0");
        a.put("transition-key", op.transitionKey());
        a.put("transition-magic", op.execStatus() + ":" + op.rc() + ";" + op.transitionKey());
        if (op.exitReason() != null && !op.exitReason().isEmpty()) {
            a.put("exit-reason", op.exitReason());
        }
        a.put("on_node", op.onNode());
        a.put("call-id", Integer.toString(op.callId()));
        a.put("rc-code", Integer.toString(op.rc()));
        a.put("op-status", Integer.toString(op.execStatus()));
        a.put("interval", Long.toString(op.intervalMs()));
        a.put("last-rc-change", Long.toString(op.lastRcChange()));
        a.put("exec-time", "0");
        a.put("queue-time", "0");
        return a;
    }

    static XmlElement attributes(XmlElement status, String node, Map<String, String> values) {
        XmlElement st = nodeState(status, node, Map.of());
        String setId = "status-" + node;
        return Trees.upsert(st, Trees.withId("node_state", node), null,
                ns -> Trees.upsert(ns, Trees.named("transient_attributes"),
                        Trees.element("transient_attributes", "id", node),
                        ta -> Trees.upsert(ta, Trees.named("instance_attributes"),
                                Trees.element("instance_attributes", "id", setId), set -> {
                                    XmlElement out = set;
                                    for (Map.Entry<String, String> v : values.entrySet()) {
                                        String nvId = setId + "-" + v.getKey();
                                        out = v.getValue() == null
                                                ? Trees.removeAll(out, e -> e.name().equals("nvpair")
                                                        && v.getKey().equals(e.attr("name")))
                                                : Trees.upsert(out, e -> e.name().equals("nvpair")
                                                        && v.getKey().equals(e.attr("name")),
                                                        Trees.element("nvpair", "id", nvId, "name", v.getKey()),
                                                        nv -> nv.withAttribute("value", v.getValue()));
                                    }
                                    return out;
                                })));
    }
}
