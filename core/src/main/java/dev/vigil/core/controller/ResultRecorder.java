package dev.vigil.core.controller;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.port.AttributeUpdate;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an operation result into CIB changes, as Pacemaker records them: the
 * {@code lrm_rsc_op} entry, attributes the agent set (promotion scores), and on failure the
 * {@code fail-count-RSC#OP_INTERVAL} and {@code last-failure-…} node attributes (a failed start
 * counts as INFINITY when {@code start-failure-is-fatal} is true, the default). Stateless.
 */
final class ResultRecorder {
    private ResultRecorder() {
    }

    /** The result the controller expects for an action (Pacemaker's target rc). */
    static OcfStatus expected(String action, long intervalMs, String role) {
        if (action.equals("monitor")) {
            if (intervalMs == 0) {
                return OcfStatus.NOT_RUNNING;
            }
            return "Promoted".equals(role) ? OcfStatus.RUNNING_PROMOTED : OcfStatus.SUCCESS;
        }
        return OcfStatus.SUCCESS;
    }

    /**
     * Whether the result is a failure of the resource: anything but the expected result, except
     * that a probe may find the resource running (that is information, not a failure).
     */
    static boolean isFailure(OperationResult r) {
        String action = r.request().action();
        long interval = r.request().interval().toMillis();
        OcfStatus expected = expected(action, interval, r.request().meta().get("role"));
        if (r.execStatus() != ExecStatus.DONE) {
            return r.execStatus() != ExecStatus.CANCELLED;
        }
        if (action.equals("monitor") && interval == 0) {
            return !(r.status() == OcfStatus.NOT_RUNNING || r.status() == OcfStatus.SUCCESS
                    || r.status() == OcfStatus.RUNNING_PROMOTED);
        }
        return r.status() != expected;
    }

    static List<CibChange> changes(Cib cib, String node, OperationFactory.Target target, OperationResult r,
            int callId, long transition) {
        List<CibChange> out = new ArrayList<>();
        String action = r.request().action();
        long interval = r.request().interval().toMillis();
        OcfStatus expected = expected(action, interval, r.request().meta().get("role"));
        String key = target.historyId() + "_" + action + "_" + interval;
        OperationRecord record = new OperationRecord(key, action, callId, r.status().code(), opStatus(r.execStatus()),
                expected.code(), interval, r.started().getEpochSecond(), null, null, null, null,
                "0:" + transition + ":" + expected.code() + ":vigil", r.exitReason(), node);
        out.add(new CibChange.OperationRecorded(node, target.historyId(), target.agent(), record));
        Map<String, String> attrs = new HashMap<>();
        for (AttributeUpdate u : r.attributeUpdates()) {
            if (u.node() == null || u.node().equals(node)) {
                attrs.put(u.name(), u.value());
            }
        }
        if (isFailure(r)) {
            String suffix = target.historyId() + "#" + action + "_" + interval;
            boolean fatal = action.equals("start") && cib.startFailureIsFatal();
            attrs.put("fail-count-" + suffix, fatal ? "INFINITY" : increment(attribute(cib, node, "fail-count-"
                    + suffix)));
            attrs.put("last-failure-" + suffix, Long.toString(r.started().getEpochSecond()));
        }
        if (!attrs.isEmpty()) {
            out.add(new CibChange.NodeAttributesChanged(node, attrs));
        }
        return out;
    }

    private static String attribute(Cib cib, String node, String name) {
        for (NodeState s : cib.nodeStates()) {
            if (node.equals(s.uname())) {
                return s.transientAttributes().get(name);
            }
        }
        return null;
    }

    private static String increment(String current) {
        if (current == null) {
            return "1";
        }
        if (current.toUpperCase(java.util.Locale.ROOT).contains("INFINITY")) {
            return "INFINITY";
        }
        try {
            return Long.toString(Long.parseLong(current.strip()) + 1);
        } catch (NumberFormatException e) {
            return "1";
        }
    }

    /** Pacemaker's op-status values. */
    static int opStatus(ExecStatus s) {
        return switch (s) {
            case DONE -> 0;
            case CANCELLED -> 1;
            case TIMED_OUT -> 2;
            case ERROR -> 4;
            case INVALID -> 5;
            case NOT_INSTALLED -> 7;
        };
    }
}
