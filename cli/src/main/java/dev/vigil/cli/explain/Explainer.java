package dev.vigil.cli.explain;

import dev.vigil.cli.daemon.ClusterReport;
import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.PlacementFacts;
import dev.vigil.core.scheduler.PlacementFacts.NodeFact;
import dev.vigil.core.scheduler.PlacementFacts.ResourceFact;
import dev.vigil.core.scheduler.PlannedAction;
import dev.vigil.core.scheduler.SummaryLine;
import dev.vigil.core.scheduler.Transition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out an {@link Explanation} from a {@link ClusterReport}: finds the unit the scheduler
 * places, itemises every node's score with {@link ScoreBreakdown}, checks the items add up to the
 * scheduler's own allocation score (naming what is left over), and says what would move the
 * resource. Stateless.
 */
final class Explainer {
    private static final int INF = Score.INFINITY;

    private Explainer() {
    }

    /**
     * Explains resource {@code id}.
     *
     * @throws IllegalArgumentException naming the known resources when there is no such resource
     */
    static Explanation explain(ClusterReport report, String id) {
        PlacementFacts facts = report.facts();
        ResourceFact asked = find(facts, id).orElseThrow(() -> new IllegalArgumentException(report.unknownResource(id)));
        ResourceFact unit = asked;
        while (unit.parent() != null) {
            unit = facts.resource(unit.parent()).orElseThrow();
        }
        Transition t = report.transition();
        Map<String, List<String>> planned = planned(t, facts);
        ScoreBreakdown breakdown = new ScoreBreakdown(facts, unit, planned, true);
        Map<String, Integer> logged = new LinkedHashMap<>();
        for (Transition.ScoreEntry s : t.scores()) {
            if (s.resource().equals(unit.id())) {
                logged.put(s.node(), Score.parse(s.score()).value());
            }
        }
        Map<String, List<String>> remarks = new LinkedHashMap<>();
        Map<String, List<Explanation.Part>> parts = breakdown.parts(remarks);
        DependentPreferences.add(facts, breakdown, unit, planned, parts);
        List<ClusterView.Placement> current = placements(t.before().resources(), id);
        List<ClusterView.Placement> going = placements(t.after().resources(), id);
        List<String> chosenNodes = planned.getOrDefault(unit.id(), List.of()).stream()
                .map(e -> e.substring(e.indexOf(':') + 1)).distinct().toList();
        List<Explanation.NodeScore> scores = new ArrayList<>();
        for (NodeFact n : facts.nodes()) {
            scores.add(nodeScore(n, parts.get(n.name()), remarks.get(n.name()), logged.get(n.name()),
                    chosenNodes.contains(n.name())));
        }
        scores.sort(Comparator.comparing((Explanation.NodeScore s) -> !s.chosen())
                .thenComparing(Comparator.comparingInt(Explanation.NodeScore::score).reversed()));
        String agent = agentOf(t.before().resources(), asked.id(), unit.id());
        return new Explanation(id, asked.kind(), agent, unit.id(), unit.kind(), current, going,
                decision(current, going), summary(t, facts, unit), scores, notes(report, id, asked, unit, breakdown),
                Moves.of(unit, asked, scores, breakdown.mandatoryPrimaries()));
    }

    /**
     * Where every resource (at every level, and a clone's resource by its own id) is going, as
     * {@code role:node}: the revised view, plus the nodes of start and promote actions even when
     * they cannot run now (the scheduler assigned the node; something else blocks the start).
     */
    private static Map<String, List<String>> planned(Transition t, PlacementFacts facts) {
        Map<String, List<String>> planned = new HashMap<>();
        planned(t.after().resources(), planned);
        for (PlannedAction a : t.actions()) {
            if (!a.kind().equals("resource") || a.node() == null
                    || !(a.task().equals("start") || a.task().equals("promote"))) {
                continue;
            }
            String entry = (a.task().equals("promote") ? "Promoted:" : "Started:") + a.node();
            for (String r = a.resource(); r != null; r = facts.resource(r).map(ResourceFact::parent).orElse(null)) {
                planned.computeIfAbsent(r, k -> new ArrayList<>()).add(entry);
                if (r.contains(":")) {
                    planned.computeIfAbsent(ScoreBreakdown.baseId(r), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        return planned;
    }

    /** Where every resource is going, by role: id to {@code role:node} entries. */
    private static void planned(List<ClusterView.ResourceEntry> entries, Map<String, List<String>> out) {
        for (ClusterView.ResourceEntry e : entries) {
            List<String> here = new ArrayList<>();
            for (ClusterView.Placement p : e.placements()) {
                here.add(p.role() + ":" + p.node());
            }
            planned(e.children(), out);
            for (ClusterView.ResourceEntry c : e.children()) {
                here.addAll(out.getOrDefault(c.id(), List.of()));
            }
            out.put(e.id(), here);
            if (e.id().contains(":")) {
                out.computeIfAbsent(ScoreBreakdown.baseId(e.id()), k -> new ArrayList<>()).addAll(here);
            }
        }
    }

    /** A resource by id; a cloned primitive's or group's own id finds its clone's first instance. */
    static Optional<ResourceFact> find(PlacementFacts facts, String id) {
        Optional<ResourceFact> exact = facts.resource(id);
        if (exact.isPresent()) {
            return exact;
        }
        return facts.resources().stream().filter(r -> r.id().startsWith(id + ":")
                && r.id().substring(id.length() + 1).chars().allMatch(Character::isDigit)).findFirst();
    }

    private static Explanation.NodeScore nodeScore(NodeFact n, List<Explanation.Part> parts, List<String> remarks,
                                                   Integer logged, boolean chosen) {
        int itemised = DependentPreferences.sum(parts);
        int score = logged == null ? itemised : logged;
        if (logged != null && logged != itemised) {
            String why = "adjustments this breakdown does not itemise (utilization, a group member that cannot "
                    + "run here, or the order in which resources were placed)";
            if (Math.abs(logged) < INF && Math.abs(itemised) < INF) {
                parts.add(new Explanation.Part(logged - itemised, "other", why, null));
            } else {
                remarks.add("the scheduler's score here is " + Score.format(logged) + ", not "
                        + Score.format(itemised) + ": " + why);
            }
        }
        return new Explanation.NodeScore(n.name(), n.canHost() ? "online" : Wording.nodeState(n), n.canHost(), score,
                itemised, chosen, parts, remarks);
    }

    /** The placements of {@code id} and everything inside it, found anywhere in the tree. */
    static List<ClusterView.Placement> placements(List<ClusterView.ResourceEntry> entries, String id) {
        List<ClusterView.Placement> out = new ArrayList<>();
        for (ClusterView.ResourceEntry e : entries) {
            if (e.id().equals(id) || ScoreBreakdown.baseId(e.id()).equals(id)) {
                collect(e, out);
            } else {
                out.addAll(placements(e.children(), id));
            }
        }
        return out;
    }

    private static void collect(ClusterView.ResourceEntry e, List<ClusterView.Placement> out) {
        out.addAll(e.placements());
        e.children().forEach(c -> collect(c, out));
    }

    private static String agentOf(List<ClusterView.ResourceEntry> entries, String id, String unit) {
        for (ClusterView.ResourceEntry e : entries) {
            if ((e.id().equals(id) || e.id().equals(unit) || ScoreBreakdown.baseId(e.id()).equals(id))
                    && e.agent() != null) {
                return e.agent();
            }
            String inner = agentOf(e.children(), id, unit);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static String decision(List<ClusterView.Placement> now, List<ClusterView.Placement> next) {
        List<String> from = where(now);
        List<String> to = where(next);
        if (now.isEmpty() && next.isEmpty()) {
            return "stays stopped";
        }
        if (next.isEmpty()) {
            return "is going to be stopped (now on " + String.join(", ", from) + ")";
        }
        if (now.isEmpty()) {
            return "is going to start on " + String.join(", ", to);
        }
        if (from.equals(to)) {
            return "stays on " + String.join(", ", to);
        }
        if (from.size() == 1 && to.size() == 1) {
            return "is going to move from " + from.get(0) + " to " + to.get(0);
        }
        List<String> kept = new ArrayList<>(from);
        kept.retainAll(to);
        List<String> stopped = new ArrayList<>(from);
        stopped.removeAll(to);
        List<String> started = new ArrayList<>(to);
        started.removeAll(from);
        List<String> out = new ArrayList<>();
        if (!kept.isEmpty()) {
            out.add("stays on " + String.join(", ", kept));
        }
        if (!stopped.isEmpty()) {
            out.add("stops on " + String.join(", ", stopped));
        }
        if (!started.isEmpty()) {
            out.add("starts on " + String.join(", ", started));
        }
        return String.join("; ", out);
    }

    private static List<String> where(List<ClusterView.Placement> ps) {
        return ps.stream().map(p -> p.node() + (p.role().equals("Started") ? "" : " (" + p.role() + ")")).distinct()
                .sorted().toList();
    }

    private static List<String> summary(Transition t, PlacementFacts facts, ResourceFact unit) {
        List<String> ids = new ArrayList<>(List.of(unit.id()));
        for (int i = 0; i < ids.size(); i++) {
            facts.resource(ids.get(i)).ifPresent(r -> ids.addAll(r.children()));
        }
        List<String> out = new ArrayList<>();
        for (SummaryLine l : t.summary()) {
            if (!l.fence() && ids.contains(l.subject())) {
                String line = l.render(l.subject().length(), l.details().length()).strip();
                out.add(line.startsWith("* ") ? line.substring(2) : line);
            }
        }
        return out;
    }

    private static List<String> notes(ClusterReport report, String id, ResourceFact asked, ResourceFact unit,
                                      ScoreBreakdown breakdown) {
        List<String> notes = new ArrayList<>();
        if (asked != unit) {
            notes.add(id + " is part of " + unit.kind() + " " + unit.id() + ", which the scheduler places as "
                    + (unit.kind().equals("group") ? "one unit: every member's constraints, stickiness and "
                    + "failures add up" : "a set of instances, at most one per node unless clone-node-max says more")
                    + "; the scores below are " + unit.id() + "'s");
        }
        for (ResourceFact r : List.of(asked, unit)) {
            if (r.targetRole().equals("Stopped") && notes.stream().noneMatch(n -> n.startsWith("target-role"))) {
                notes.add("target-role=Stopped (on " + r.id() + "): it is stopped on purpose; "
                        + "'vigil resource start " + r.id() + "' lets it run");
            }
            if (!r.managed() && notes.stream().noneMatch(n -> n.startsWith("unmanaged"))) {
                notes.add("unmanaged (is-managed=false or maintenance): the cluster leaves " + r.id()
                        + " where it is, and neither starts nor stops it");
            }
        }
        if (report.facts().stopAll()) {
            notes.add("stop-all-resources=true: every resource is stopped");
        }
        if (unit.kind().equals("clone")) {
            notes.add("each instance also gets its own resource-stickiness (clones default to 1) on the node "
                    + "where it runs; that is not part of the clone's scores below");
        }
        List<String> dependents = breakdown.dependents();
        if (!dependents.isEmpty()) {
            notes.add("resources colocated with it pull it toward the nodes they prefer: "
                    + String.join(", ", dependents));
        }
        return notes;
    }
}
