package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.controller.QuorumStatus;

/**
 * The {@code quorum} object of the control socket's {@code status} and {@code quorum-status} answers:
 * {@code quorate}, {@code deciding}, {@code votes}, {@code expected_votes}, {@code needed_votes},
 * {@code members}, {@code nodes}, {@code two_node}, {@code wait_for_all}, {@code waiting_for_all},
 * {@code override_by} and {@code override_at} (null without an override), {@code summary}, and
 * {@code server} (null without a quorum server: {@code name}, {@code connected}, {@code vote},
 * {@code holder}, {@code reason}). Stateless.
 */
final class QuorumJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private QuorumJson() {
    }

    static ObjectNode of(QuorumStatus q) {
        ObjectNode o = JSON.objectNode();
        o.put("quorate", q.quorate());
        o.put("deciding", q.deciding());
        o.put("votes", q.votes());
        o.put("expected_votes", q.expectedVotes());
        o.put("needed_votes", q.neededVotes());
        ArrayNode members = o.putArray("members");
        q.members().forEach(members::add);
        ArrayNode nodes = o.putArray("nodes");
        q.nodes().forEach(nodes::add);
        o.put("two_node", q.twoNode());
        o.put("wait_for_all", q.waitForAll());
        o.put("waiting_for_all", q.waitingForAll());
        o.put("override_by", q.overrideBy());
        o.put("override_at", q.overrideAt() == null ? null : q.overrideAt().toString());
        o.put("summary", q.summary());
        if (q.source() == null) {
            o.putNull("server");
        } else {
            ObjectNode s = o.putObject("server");
            s.put("name", q.source().name());
            s.put("connected", q.source().connected());
            s.put("vote", q.source().vote());
            ArrayNode holder = s.putArray("holder");
            q.source().holder().forEach(holder::add);
            s.put("reason", q.source().reason());
        }
        return o;
    }

    /** The text {@code vigil quorum status} prints for a {@link #of} object. */
    static String text(JsonNode q) {
        StringBuilder sb = new StringBuilder();
        String state = q.path("quorate").asBoolean() ? "yes" : q.path("deciding").asBoolean()
                ? "deciding (waiting for the quorum server)" : "NO";
        sb.append("Quorate:        ").append(state).append('\n');
        sb.append("Partition:      ").append(join(q.path("members"))).append('\n');
        sb.append("Votes:          ").append(q.path("votes").asInt()).append(" of ")
                .append(q.path("expected_votes").asInt()).append(" expected, ").append(q.path("needed_votes").asInt())
                .append(" needed\n");
        sb.append("Nodes:          ").append(join(q.path("nodes"))).append('\n');
        sb.append("Two-node mode:  ").append(q.path("two_node").asBoolean() ? "on" : "off").append('\n');
        sb.append("Wait for all:   ").append(!q.path("wait_for_all").asBoolean() ? "off"
                : q.path("waiting_for_all").asBoolean() ? "on, still waiting" : "on, satisfied").append('\n');
        JsonNode server = q.path("server");
        if (server.isObject()) {
            sb.append("Quorum server:  ").append(server.path("name").asText().replaceFirst("^quorum server ", ""))
                    .append(server.path("connected").asBoolean() ? ", connected" : ", NOT connected")
                    .append(server.path("vote").asBoolean() ? ", vote held by this partition" : ", vote not held")
                    .append('\n');
            if (!server.path("holder").isEmpty()) {
                sb.append("  Vote holder:  ").append(join(server.path("holder"))).append('\n');
            }
            sb.append("  Last word:    ").append(server.path("reason").asText()).append('\n');
        } else {
            sb.append("Quorum server:  none\n");
        }
        if (!q.path("override_by").isNull() && !q.path("override_by").isMissingNode()) {
            sb.append("OVERRIDE:       quorum granted by hand by ").append(q.path("override_by").asText())
                    .append(" at ").append(q.path("override_at").asText())
                    .append(" (revoke: vigil quorum override --off)\n");
        }
        sb.append("Summary:        ").append(q.path("summary").asText()).append('\n');
        return sb.toString();
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n.asText()));
        return sb.toString();
    }
}
