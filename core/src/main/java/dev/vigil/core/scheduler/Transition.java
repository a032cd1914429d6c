package dev.vigil.core.scheduler;

import java.util.List;

/**
 * What the scheduler decided for one CIB at one instant: the Transition Summary lines, the actions to
 * execute in a valid order, the node scores behind the placement, and the cluster as it is before and
 * as it will be after. Immutable.
 */
public record Transition(List<SummaryLine> summary, List<PlannedAction> actions, List<ScoreEntry> scores,
                         ClusterView before, ClusterView after) {
    public Transition {
        summary = List.copyOf(summary);
        actions = List.copyOf(actions);
        scores = List.copyOf(scores);
    }

    /** One allocation score: resource, node, score as text ({@code INFINITY}, {@code -INFINITY}, integer). */
    public record ScoreEntry(String resource, String node, String score) {
    }
}
