package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.simulate.SimulationText;
import dev.vigil.core.model.Cib;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.ResourceHistory;
import dev.vigil.core.scheduler.Scheduler;
import java.time.Instant;
import java.util.Map;

/** Renders the daemon's status answer the way {@code crm_mon -1} lays it out. Stateless. */
final class StatusText {
    private StatusText() {
    }

    static String render(JsonNode s) throws Exception {
        Cib cib = CibReader.read(XmlParser.parse(s.get("cib").asText(), "status")).cib();
        StringBuilder sb = new StringBuilder("Cluster Summary:\n");
        sb.append("  * Stack: vigil (JGroups)\n");
        String dc = s.path("dc").asText(null);
        JsonNode quorum = s.path("quorum");
        String partition = !quorum.isObject() || quorum.path("quorate").asBoolean() ? " - partition with quorum"
                : quorum.path("deciding").asBoolean() ? " - partition waiting for the quorum server's vote"
                : " - partition WITHOUT quorum";
        sb.append("  * Current DC: ").append(dc == null ? "NONE" : dc)
                .append(dc == null ? "" : partition).append('\n');
        if (quorum.isObject()) {
            sb.append("  * Quorum: ").append(quorum.path("summary").asText()).append('\n');
        }
        if (s.hasNonNull("node")) { // absent for a CIB file (vigil status -x)
            sb.append("  * This node: ").append(s.get("node").asText()).append('\n');
        }
        sb.append("  * CIB version: ").append(s.get("cib_version").asText()).append('\n');
        sb.append("  * ").append(cib.nodes().size()).append(" node").append(cib.nodes().size() == 1 ? "" : "s")
                .append(" configured, ").append(cib.resources().stream().mapToInt(r -> r.primitives().size()).sum())
                .append(" resource instances configured\n");
        for (JsonNode l : s.path("links")) {
            sb.append("  * Link ").append(l.get("name").asText()).append(": ")
                    .append(l.get("up").asBoolean() ? "up" : "DOWN").append(" (reachable: ");
            StringBuilder r = new StringBuilder();
            l.path("reachable").forEach(n -> r.append(r.length() == 0 ? "" : " ").append(n.asText()));
            sb.append(r).append(")\n");
        }
        if (!s.path("transition").asText("").isEmpty()) {
            sb.append("  * In progress: ").append(s.get("transition").asText()).append('\n');
        }
        for (JsonNode w : s.path("warnings")) {
            sb.append("  * WARNING: ").append(w.asText()).append('\n');
        }
        sb.append('\n');
        String body = SimulationText.status("", Scheduler.schedule(cib, Instant.now()).before());
        sb.append(body.substring(1).replace("  * Node List:", "Node List:")
                .replace("  * Full List of Resources:", "Full List of Resources:"));
        failures(sb, cib);
        fencing(sb, s.path("fencing_history"));
        return sb.toString();
    }

    private static void failures(StringBuilder sb, Cib cib) {
        StringBuilder failed = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        for (NodeState n : cib.nodeStates()) {
            for (ResourceHistory h : n.history()) {
                for (OperationRecord o : h.operations()) {
                    if (o.id().endsWith("_last_failure_0")) {
                        failed.append("  * ").append(h.id()).append('_').append(o.operation()).append('_')
                                .append(o.intervalMs()).append(" on ").append(n.uname()).append(" returned ")
                                .append(o.rc()).append(o.exitReason() == null || o.exitReason().isEmpty() ? ""
                                        : " (" + o.exitReason() + ")").append('\n');
                    }
                }
            }
            for (Map.Entry<String, String> a : n.transientAttributes().entrySet()) {
                if (a.getKey().startsWith("fail-count-")) {
                    counts.append("  * ").append(n.uname()).append(": ").append(a.getKey().substring(11))
                            .append(" fail-count=").append(a.getValue()).append('\n');
                }
            }
        }
        if (failed.length() > 0) {
            sb.append("\nFailed Resource Actions:\n").append(failed);
        }
        if (counts.length() > 0) {
            sb.append("\nFail Counts:\n").append(counts);
        }
    }

    /** crm_mon's "Fencing History" section, newest first, from the daemon's fencing history. */
    private static void fencing(StringBuilder sb, JsonNode events) {
        if (events.isEmpty()) {
            return;
        }
        sb.append("\nFencing History:\n");
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode e = events.get(i);
            String status = e.path("status").asText();
            sb.append("  * ").append(e.path("action").asText()).append(" of ").append(e.path("target").asText())
                    .append(status.equals("SUCCESS") ? " successful" : " " + status.toLowerCase(java.util.Locale.ROOT))
                    .append(": delegate=").append(e.path("executioner").asText()).append(", client=")
                    .append(e.path("origin").asText()).append(", completed='").append(e.path("finished").asText())
                    .append("'\n");
        }
    }
}
