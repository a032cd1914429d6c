package dev.vigil.cli.explain;

import dev.vigil.core.scheduler.ClusterView;
import java.util.List;

/**
 * Why a resource is where it is (or stopped): the unit the scheduler places (the resource, its
 * group or its clone), where it is and where it is going, every node's allocation score broken down
 * into what contributed to it, and what would change the outcome. Immutable.
 *
 * @param resource  the resource asked about
 * @param unit      what the scheduler places as one piece: the resource, its group or its clone
 * @param current   where its primitives are now
 * @param planned   where the scheduler puts them
 * @param decision  one sentence: "stays on node1", "moves from node1 to node2", "stays stopped"...
 * @param summary   the scheduler's Transition Summary lines about it
 * @param scores    every node, best first
 * @param notes     what applies everywhere (target-role, is-managed, promotion-only scores...)
 * @param moves     what would move (or start) it
 */
record Explanation(String resource, String kind, String agent, String unit, String unitKind,
                   List<ClusterView.Placement> current, List<ClusterView.Placement> planned, String decision,
                   List<String> summary, List<NodeScore> scores, List<String> notes, List<String> moves) {
    Explanation {
        current = List.copyOf(current);
        planned = List.copyOf(planned);
        summary = List.copyOf(summary);
        scores = List.copyOf(scores);
        notes = List.copyOf(notes);
        moves = List.copyOf(moves);
    }

    /**
     * One node's allocation score for the unit.
     *
     * @param score     the scheduler's score (or the itemised sum when the scheduler logged none)
     * @param itemised  the sum of {@code parts}
     * @param chosen    whether the unit is going there
     * @param remarks   facts that do not change the score (a fail count below migration-threshold...)
     */
    record NodeScore(String node, String state, boolean canHost, int score, int itemised, boolean chosen,
                     List<Part> parts, List<String> remarks) {
        NodeScore {
            parts = List.copyOf(parts);
            remarks = List.copyOf(remarks);
        }
    }

    /**
     * One contribution to a node's score.
     *
     * @param kind   location, stickiness, failure, node, colocation, health, other
     * @param reason what it is, naming the constraint or attribute
     * @param fix    a command or change that removes it, or null
     */
    record Part(int score, String kind, String reason, String fix) {
    }
}
