package dev.vigil.cli.simulate;

import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlannedAction;
import dev.vigil.core.scheduler.SummaryLine;
import dev.vigil.core.scheduler.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link Transition} in crm_simulate's text format. */
public final class SimulationText {
    private SimulationText() {
    }

    public static String status(String heading, ClusterView view) {
        StringBuilder sb = new StringBuilder(heading).append('\n');
        sb.append("  * Node List:\n");
        Map<String, List<String>> byState = new LinkedHashMap<>();
        for (ClusterView.NodeEntry n : view.nodes()) {
            byState.computeIfAbsent(n.state(), k -> new ArrayList<>()).add(n.name());
        }
        for (ClusterView.NodeEntry n : view.nodes()) {
            if (n.state().startsWith("UNCLEAN") || n.state().equals("standby") || n.state().equals("pending")
                    || n.state().equals("maintenance")) {
                String label = switch (n.state()) {
                    case "standby" -> "Node " + n.name() + ": standby";
                    case "pending" -> "Node " + n.name() + ": pending";
                    case "maintenance" -> "Node " + n.name() + ": maintenance";
                    default -> "Node " + n.name() + ": " + n.state();
                };
                sb.append("    * ").append(label).append('\n');
            }
        }
        if (byState.containsKey("online")) {
            sb.append("    * Online: [ ").append(String.join(" ", byState.get("online"))).append(" ]\n");
        }
        if (byState.containsKey("OFFLINE")) {
            sb.append("    * OFFLINE: [ ").append(String.join(" ", byState.get("OFFLINE"))).append(" ]\n");
        }
        sb.append("\n  * Full List of Resources:\n");
        if (view.resources().isEmpty()) {
            sb.append("    * No resources\n");
        }
        for (ClusterView.ResourceEntry r : view.resources()) {
            resource(sb, r, "    ");
        }
        return sb.toString();
    }

    private static void resource(StringBuilder sb, ClusterView.ResourceEntry r, String indent) {
        switch (r.kind()) {
            case "primitive" -> primitive(sb, r, indent);
            case "group" -> {
                sb.append(indent).append("* Resource Group: ").append(r.id()).append(r.managed() ? "" : " (unmanaged)")
                        .append(":\n");
                for (ClusterView.ResourceEntry c : r.children()) {
                    primitive(sb, c, indent + "  ");
                }
            }
            default -> clone(sb, r, indent);
        }
    }

    private static void primitive(StringBuilder sb, ClusterView.ResourceEntry r, String indent) {
        String head = indent + "* " + r.id() + "\t(" + r.agent() + "):\t ";
        String unmanaged = r.managed() ? "" : " (unmanaged)";
        if (r.placements().isEmpty()) {
            sb.append(head).append("Stopped").append(unmanaged).append('\n');
            return;
        }
        if (r.placements().size() > 1) {
            sb.append(head).append(r.placements().get(0).role()).append(unmanaged).append("[ ");
            for (ClusterView.Placement p : r.placements()) {
                sb.append(p.node()).append(' ');
            }
            sb.append("]\n");
            return;
        }
        ClusterView.Placement p = r.placements().get(0);
        String role = p.failed() ? "FAILED" + (p.role().equals("Started") ? "" : " " + p.role()) : p.role();
        sb.append(head).append(role).append(' ').append(p.node()).append(unmanaged).append('\n');
    }

    private static void clone(StringBuilder sb, ClusterView.ResourceEntry r, String indent) {
        String childId = r.children().isEmpty() ? r.id() : base(r.children().get(0).id());
        sb.append(indent).append("* Clone Set: ").append(r.id()).append(" [").append(childId).append(']')
                .append(r.promotable() ? " (promotable)" : "").append(r.unique() ? " (unique)" : "")
                .append(r.managed() ? "" : " (unmanaged)").append(":\n");
        String inner = indent + "  ";
        if (r.unique() || r.children().stream().anyMatch(c -> !c.kind().equals("primitive"))) {
            for (ClusterView.ResourceEntry c : r.children()) {
                resource(sb, c, inner);
            }
            return;
        }
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        List<String> failedLines = new ArrayList<>();
        java.util.Set<String> active = new java.util.HashSet<>();
        for (ClusterView.ResourceEntry c : r.children()) {
            for (ClusterView.Placement p : c.placements()) {
                active.add(p.node());
                if (p.failed()) {
                    StringBuilder one = new StringBuilder();
                    primitive(one, c, inner);
                    failedLines.add(one.toString());
                } else {
                    byRole.computeIfAbsent(p.role(), k -> new ArrayList<>()).add(p.node());
                }
            }
        }
        failedLines.forEach(sb::append);
        for (String role : List.of("Promoted", "Unpromoted", "Started")) {
            List<String> nodes = byRole.get(role);
            if (nodes != null) {
                nodes.sort(null);
                sb.append(inner).append("* ").append(role).append(": [ ").append(String.join(" ", nodes)).append(" ]\n");
            }
        }
    }

    private static String base(String id) {
        int c = id.lastIndexOf(':');
        return c > 0 ? id.substring(0, c) : id;
    }

    public static String summary(Transition t) {
        StringBuilder sb = new StringBuilder("Transition Summary:\n");
        int subjectWidth = 0;
        int detailsWidth = 0;
        for (SummaryLine l : t.summary()) {
            if (!l.fence()) {
                subjectWidth = Math.max(subjectWidth, l.subject().length());
                detailsWidth = Math.max(detailsWidth, l.details().length());
            }
        }
        for (SummaryLine l : t.summary()) {
            sb.append(l.render(subjectWidth, detailsWidth)).append('\n');
        }
        return sb.toString();
    }

    public static String execution(Transition t) {
        StringBuilder sb = new StringBuilder("Executing Cluster Transition:\n");
        for (PlannedAction a : t.actions()) {
            if (!a.runnable()) {
                continue;
            }
            switch (a.kind()) {
                case "fence" -> sb.append("  * Fencing ").append(a.node()).append(" (").append(a.task()).append(")\n");
                case "pseudo" -> sb.append("  * Pseudo action:   ").append(a.resource()).append('_').append(a.task())
                        .append("_0\n");
                default -> sb.append("  * Resource action: ").append(a.resource()).append(' ').append(a.task())
                        .append(" on ").append(a.node()).append('\n');
            }
        }
        return sb.toString();
    }

    public static String scores(Transition t) {
        StringBuilder sb = new StringBuilder();
        for (Transition.ScoreEntry s : t.scores()) {
            sb.append("pcmk__primitive_assign: ").append(s.resource()).append(" allocation score on ")
                    .append(s.node()).append(": ").append(s.score()).append('\n');
        }
        return sb.toString();
    }
}
