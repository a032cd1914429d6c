package dev.vigil.cli.explain;

import dev.vigil.core.model.Score;
import dev.vigil.core.scheduler.PlacementFacts.ResourceFact;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * "What would move it": for every other node, the score it would need or what forbids it, and where
 * the resource goes if its node can no longer run it; for a stopped resource, what would let it
 * start. Stateless.
 */
final class Moves {
    private static final int INF = Score.INFINITY;

    private Moves() {
    }

    static List<String> of(ResourceFact unit, ResourceFact asked, List<Explanation.NodeScore> scores,
                           List<String> follows) {
        List<String> out = new ArrayList<>();
        for (String primary : follows) {
            out.add("it must run with " + primary + ": whatever moves " + primary + " moves it ('vigil explain "
                    + primary + "')");
        }
        for (ResourceFact r : List.of(asked, unit)) {
            if (r.targetRole().equals("Stopped")) {
                out.add("it is stopped on purpose: 'vigil resource start " + r.id() + "' lets it run");
                return out;
            }
        }
        if (!unit.managed()) {
            out.add("nothing while it is unmanaged: the cluster does not move it (set is-managed=true, or end "
                    + "maintenance, first)");
            return out;
        }
        List<Explanation.NodeScore> chosen = scores.stream().filter(Explanation.NodeScore::chosen).toList();
        if (unit.kind().equals("clone") || chosen.isEmpty()) {
            for (Explanation.NodeScore s : scores) {
                if (!s.chosen()) {
                    out.add(startOn(unit, s));
                }
            }
            return out;
        }
        Explanation.NodeScore best = chosen.get(0);
        Explanation.NodeScore next = null;
        for (Explanation.NodeScore s : scores) {
            if (s.chosen()) {
                continue;
            }
            out.add(moveTo(unit, best, s));
            if (s.canHost() && s.score() >= 0 && (next == null || s.score() > next.score())) {
                next = s;
            }
        }
        if (!follows.isEmpty()) {
            return out;
        }
        int threshold = unit.kind().equals("primitive") ? unit.migrationThreshold() : asked.migrationThreshold();
        out.add("if " + best.node() + " can no longer run it (standby, shutdown, "
                + (threshold >= INF ? "a failure to start there" : "a fail count reaching migration-threshold="
                + threshold) + "), it " + (next == null ? "stops: no other node may run it"
                : "goes to " + next.node() + " (score " + Score.format(next.score()) + ")"));
        return out;
    }

    private static String moveTo(ResourceFact unit, Explanation.NodeScore best, Explanation.NodeScore s) {
        String to = "to " + s.node() + ": ";
        if (!s.canHost() || s.score() <= -INF) {
            return to + "not while " + because(s, p -> p.score() <= -INF);
        }
        if (best.score() >= INF) {
            return to + "not while " + best.node() + " has INFINITY from " + because(best, p -> p.score() >= INF);
        }
        long needed = (long) best.score() - s.score();
        return to + "a location score of more than " + needed + " for " + unit.id() + " on " + s.node() + " (it has "
                + Score.format(s.score()) + " there, " + Score.format(best.score()) + " on " + best.node()
                + "), e.g. 'vigil resource move " + unit.id() + " " + s.node() + "' (adds cli-prefer-" + unit.id()
                + ": INFINITY on " + s.node() + ")";
    }

    private static String startOn(ResourceFact unit, Explanation.NodeScore s) {
        String on = "on " + s.node() + ": ";
        if (!s.canHost() || s.score() <= -INF) {
            return on + "not while " + because(s, p -> p.score() <= -INF);
        }
        if (s.score() < 0) {
            return on + "a score of 0 or more (it has " + Score.format(s.score()) + "): a location score of at least "
                    + -s.score() + ", e.g. 'vigil resource move " + unit.id() + " " + s.node() + "'";
        }
        return on + "allowed (score " + Score.format(s.score()) + ")" + (unit.kind().equals("clone")
                ? "; no instance is left for it (clone-max) or one is not wanted there"
                : ", yet it does not start: 'vigil status' shows why (quorum, fencing, a failed dependency)");
    }

    /** The parts of a node's score that match, with their fixes: "a (fix: b); c". */
    private static String because(Explanation.NodeScore s, Predicate<Explanation.Part> which) {
        List<String> out = new ArrayList<>();
        for (Explanation.Part p : s.parts()) {
            if (which.test(p)) {
                out.add(p.reason() + (p.fix() == null ? "" : " (fix: " + p.fix() + ")"));
            }
        }
        out.addAll(s.remarks().stream().filter(r -> r.startsWith("the scheduler's score")).toList());
        return out.isEmpty() ? "its score is " + Score.format(s.score()) : String.join("; ", out);
    }
}
