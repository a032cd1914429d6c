package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlacementFacts;

/**
 * {@code vigil status --output-as json}: the daemon's status answer as it is (its fields, such as
 * {@code members}, {@code dc}, {@code cib_version}, {@code links}, {@code cib}, stay as they are) plus
 * structured fields derived from the CIB: {@code nodes}, {@code resources}, {@code failed_actions},
 * {@code fail_counts}. Stateless.
 */
final class StatusJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatusJson() {
    }

    /** The answer to print: a copy of the daemon's answer (or, for a file, a summary of it) with the added fields. */
    static ObjectNode of(ClusterReport r) {
        ClusterSnapshot s = r.snapshot();
        ObjectNode o;
        if (s.isOffline()) {
            o = JSON.objectNode();
            o.put("source", s.source());
            o.put("dc", s.dc());
            o.put("cib_version", s.cib().version().toString());
        } else {
            o = ((ObjectNode) s.status()).deepCopy();
        }
        ArrayNode nodes = o.putArray("nodes");
        for (ClusterReport.NodeRow n : r.nodes()) {
            nodes.addObject().put("name", n.name()).put("id", n.id()).put("state", n.state())
                    .put("online", n.online()).put("standby", n.standby()).put("maintenance", n.maintenance())
                    .put("pending", n.pending()).put("unclean", n.unclean()).put("dc", n.dc())
                    .put("member", n.member()).put("resources_running", n.running());
        }
        ArrayNode resources = o.putArray("resources");
        for (ClusterView.ResourceEntry e : r.transition().before().resources()) {
            resources.add(resource(e, r.facts()));
        }
        ArrayNode failed = o.putArray("failed_actions");
        for (ClusterReport.FailedAction f : r.failedActions()) {
            failed.addObject().put("op_key", f.opKey()).put("resource", f.resource()).put("operation", f.operation())
                    .put("interval_ms", f.intervalMs()).put("node", f.node()).put("rc", f.rc())
                    .put("rc_text", f.rcText()).put("exec_status", f.execStatus()).put("exit_reason", f.exitReason())
                    .put("last_rc_change", f.lastRcChange()).put("call_id", f.callId());
        }
        ArrayNode counts = o.putArray("fail_counts");
        for (ClusterReport.FailCount f : r.failCounts()) {
            ObjectNode c = counts.addObject().put("node", f.node()).put("resource", f.resource())
                    .put("count", f.count()).put("last_failure", f.lastFailure());
            ObjectNode ops = c.putObject("operations");
            f.operations().forEach(ops::put);
        }
        return o;
    }

    /** One resource and its children: id, kind, agent, managed, failed, active, role, nodes, placements. */
    static ObjectNode resource(ClusterView.ResourceEntry e, PlacementFacts facts) {
        ObjectNode o = JSON.objectNode();
        o.put("id", e.id()).put("kind", e.kind());
        if (e.agent() != null) {
            o.put("agent", e.agent());
        }
        if (e.kind().equals("clone")) {
            o.put("promotable", e.promotable()).put("unique", e.unique());
        }
        o.put("managed", e.managed()).put("failed", failed(e)).put("active", active(e));
        facts.resource(e.id()).ifPresent(f -> o.put("target_role", f.targetRole()));
        if (e.kind().equals("primitive")) {
            o.put("role", e.placements().isEmpty() ? "Stopped" : e.placements().get(0).role());
            ArrayNode nodes = o.putArray("nodes");
            ArrayNode placements = o.putArray("placements");
            for (ClusterView.Placement p : e.placements()) {
                nodes.add(p.node());
                placements.addObject().put("node", p.node()).put("role", p.role()).put("failed", p.failed());
            }
        } else {
            ArrayNode children = o.putArray("children");
            e.children().forEach(c -> children.add(resource(c, facts)));
        }
        return o;
    }

    static boolean failed(ClusterView.ResourceEntry e) {
        return e.placements().stream().anyMatch(ClusterView.Placement::failed)
                || e.children().stream().anyMatch(StatusJson::failed);
    }

    static boolean active(ClusterView.ResourceEntry e) {
        return !e.placements().isEmpty() || e.children().stream().anyMatch(StatusJson::active);
    }
}
