package dev.vigil.cli.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.ClusterView;
import java.util.List;

/** Renders an {@link Explanation} as text for people or as JSON for scripts. Stateless. */
final class ExplanationText {
    private ExplanationText() {
    }

    static String text(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.resource()).append(e.agent() == null ? "" : " (" + e.agent() + ")").append(": ")
                .append(state(e.current())).append("; ").append(e.decision()).append('\n');
        for (String n : e.notes()) {
            sb.append("  * ").append(n).append('\n');
        }
        if (!e.summary().isEmpty()) {
            sb.append("\nThe scheduler would:\n");
            e.summary().forEach(l -> sb.append("  * ").append(l).append('\n'));
        }
        sb.append("\nAllocation scores of ").append(e.unit())
                .append(" (the highest score of 0 or more wins; -INFINITY forbids a node):\n");
        for (Explanation.NodeScore s : e.scores()) {
            sb.append("  * ").append(s.node()).append(": ").append(Score.format(s.score()))
                    .append(s.chosen() ? "  <- " + (e.unitKind().equals("clone") ? "an instance runs here" : "chosen")
                            : "").append('\n');
            for (Explanation.Part p : s.parts()) {
                sb.append(String.format("      %-11s %s%n", Wording.signed(p.score()), p.reason()));
            }
            if (s.parts().isEmpty()) {
                sb.append("      (no constraint, stickiness or failure applies here)\n");
            }
            for (String r : s.remarks()) {
                sb.append("      note: ").append(r).append('\n');
            }
        }
        sb.append(e.current().isEmpty() && e.planned().isEmpty() ? "\nWhat would start it:\n"
                : "\nWhat would move it:\n");
        e.moves().forEach(m -> sb.append("  * ").append(m).append('\n'));
        return sb.toString();
    }

    /** "Started on node1", "Promoted on node-a; Unpromoted on node-b", "FAILED on node1", "Stopped". */
    private static String state(List<ClusterView.Placement> ps) {
        if (ps.isEmpty()) {
            return "Stopped";
        }
        java.util.Map<String, java.util.TreeSet<String>> byRole = new java.util.LinkedHashMap<>();
        for (ClusterView.Placement p : ps) {
            String role = p.failed() ? "FAILED" + (p.role().equals("Started") ? "" : " " + p.role()) : p.role();
            byRole.computeIfAbsent(role, k -> new java.util.TreeSet<>()).add(p.node());
        }
        List<String> parts = new java.util.ArrayList<>();
        byRole.forEach((role, nodes) -> parts.add(role + " on " + String.join(", ", nodes)));
        return String.join("; ", parts);
    }

    static ObjectNode json(Explanation e) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("resource", e.resource()).put("kind", e.kind()).put("agent", e.agent()).put("unit", e.unit())
                .put("unit_kind", e.unitKind()).put("decision", e.decision());
        placements(o.putArray("current"), e.current());
        placements(o.putArray("planned"), e.planned());
        ArrayNode summary = o.putArray("summary");
        e.summary().forEach(summary::add);
        ArrayNode scores = o.putArray("scores");
        for (Explanation.NodeScore s : e.scores()) {
            ObjectNode so = scores.addObject().put("node", s.node()).put("score", Score.format(s.score()))
                    .put("score_value", s.score()).put("itemised", Score.format(s.itemised()))
                    .put("can_host", s.canHost()).put("state", s.state()).put("chosen", s.chosen());
            ArrayNode parts = so.putArray("contributions");
            for (Explanation.Part p : s.parts()) {
                parts.addObject().put("score", Wording.signed(p.score())).put("score_value", p.score())
                        .put("kind", p.kind()).put("reason", p.reason()).put("fix", p.fix());
            }
            ArrayNode remarks = so.putArray("remarks");
            s.remarks().forEach(remarks::add);
        }
        ArrayNode notes = o.putArray("notes");
        e.notes().forEach(notes::add);
        ArrayNode moves = o.putArray("would_move");
        e.moves().forEach(moves::add);
        return o;
    }

    private static void placements(ArrayNode a, List<ClusterView.Placement> ps) {
        for (ClusterView.Placement p : ps) {
            a.addObject().put("node", p.node()).put("role", p.role()).put("failed", p.failed());
        }
    }
}
