package dev.vigil.cli.explain;

import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.PlacementFacts;
import dev.vigil.core.scheduler.PlacementFacts.ColocationFact;
import dev.vigil.core.scheduler.PlacementFacts.NodeFact;
import dev.vigil.core.scheduler.PlacementFacts.ResourceFact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What resources colocated with a unit add to its scores before it is placed: each dependent's own
 * score on every node, scaled by the colocation's score over INFINITY (a node the dependent cannot
 * use repels a positive colocation), kept only if the unit can then still run somewhere; as the
 * scheduler's {@code Assigner.mergeDependents} does. A dependent already placed, or whose placement
 * is what placed the unit first, is left out. Stateless.
 */
final class DependentPreferences {
    private static final int INF = Score.INFINITY;

    private DependentPreferences() {
    }

    /** Appends the dependents' contributions to {@code parts} (node name to that node's parts). */
    static void add(PlacementFacts facts, ScoreBreakdown unitBreakdown, ResourceFact unit,
                    Map<String, List<String>> planned, Map<String, List<Explanation.Part>> parts) {
        Set<String> before = placedBefore(facts, unitBreakdown, unit.id());
        for (ColocationFact c : facts.colocations()) {
            if (!unitBreakdown.top(c.primary()).equals(unit.id()) || "Promoted".equals(c.primaryRole())
                    || "Promoted".equals(c.dependentRole())) {
                continue;
            }
            ResourceFact dependent = facts.resource(unitBreakdown.top(c.dependent())).orElseThrow();
            double factor = c.score() / (double) INF;
            if (dependent.id().equals(unit.id()) || before.contains(dependent.id()) || factor == 0) {
                continue;
            }
            Map<String, List<Explanation.Part>> own = new ScoreBreakdown(facts, dependent, planned, false)
                    .parts(new LinkedHashMap<>());
            Map<String, Integer> add = new LinkedHashMap<>();
            boolean canRunAny = false;
            for (NodeFact n : facts.nodes()) {
                int dw = sum(own.get(n.name()));
                int a;
                if (dw <= -INF) {
                    a = factor > 0 ? -INF : 0;
                } else if (dw >= INF) {
                    a = factor > 0 ? INF : -INF;
                } else {
                    a = (int) (factor * dw);
                }
                add.put(n.name(), a);
                canRunAny |= n.canHost() && Score.add(sum(parts.get(n.name())), a) >= 0;
            }
            if (!canRunAny) {
                continue; // the scheduler ignores a dependent that would leave the unit nowhere to run
            }
            add.forEach((node, a) -> {
                if (a != 0) {
                    parts.get(node).add(new Explanation.Part(a, "colocation", reason(c, dependent, a), null));
                }
            });
        }
    }

    private static String reason(ColocationFact c, ResourceFact dependent, int added) {
        String link = "colocation '" + c.constraint() + "', score " + Score.format(c.score());
        if (added <= -INF && c.score() > 0) {
            return dependent.id() + " must run with it (" + link + ") and cannot run here";
        }
        if (Math.abs(added) >= INF) {
            return dependent.id() + " (" + link + ") has " + (c.score() > 0 ? "" : "a positive ")
                    + "INFINITY here";
        }
        return "the preference of " + dependent.id() + " for this node, scaled by " + link;
    }

    /**
     * The resources already placed, or being placed, when the scheduler places {@code unit}: it goes
     * through resources by priority, then configuration order, and places a resource's colocation
     * primaries before the resource itself.
     */
    private static Set<String> placedBefore(PlacementFacts facts, ScoreBreakdown tops, String unit) {
        List<ResourceFact> order = new ArrayList<>(facts.resources().stream().filter(r -> r.parent() == null).toList());
        order.sort(Comparator.comparingInt(ResourceFact::priority).reversed());
        Map<String, List<String>> primaries = new LinkedHashMap<>();
        for (ColocationFact c : facts.colocations()) {
            primaries.computeIfAbsent(tops.top(c.dependent()), k -> new ArrayList<>()).add(tops.top(c.primary()));
        }
        Set<String> done = new LinkedHashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        for (ResourceFact r : order) {
            Set<String> at = visit(r.id(), unit, primaries, done, stack);
            if (at != null) {
                return at;
            }
        }
        return done;
    }

    /** Depth-first as {@code Assigner.assign}; returns what is placed or on the way when {@code unit} is reached. */
    private static Set<String> visit(String r, String unit, Map<String, List<String>> primaries, Set<String> done,
                                     Deque<String> stack) {
        if (done.contains(r) || stack.contains(r)) {
            return null;
        }
        stack.push(r);
        for (String p : primaries.getOrDefault(r, List.of())) {
            if (!p.equals(r)) {
                Set<String> at = visit(p, unit, primaries, done, stack);
                if (at != null) {
                    return at;
                }
            }
        }
        if (r.equals(unit)) {
            Set<String> at = new LinkedHashSet<>(done);
            at.addAll(stack);
            return at;
        }
        stack.pop();
        done.add(r);
        return null;
    }

    static int sum(List<Explanation.Part> parts) {
        int total = 0;
        for (Explanation.Part p : parts) {
            total = Score.add(total, p.score());
        }
        return total;
    }
}
