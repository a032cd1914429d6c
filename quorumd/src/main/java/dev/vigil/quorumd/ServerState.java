package dev.vigil.quorumd;

import dev.vigil.quorumd.vote.Partition;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the quorum server keeps across restarts with {@code --state-dir}. Immutable.
 *
 * @param holdLease  the longest lease that may still be valid from this or a previous run: the next
 *                   start grants nothing for this long
 * @param lineage    per cluster, the partition that held the vote last (breaks ties after a restart)
 */
public record ServerState(Duration holdLease, Map<String, Partition> lineage) {

    public ServerState {
        if (holdLease == null || holdLease.isNegative()) {
            throw new IllegalArgumentException("hold lease must be zero or positive, got " + holdLease);
        }
        lineage = Map.copyOf(lineage);
    }

    /** The state of a server that never ran. */
    public static ServerState empty() {
        return new ServerState(Duration.ZERO, Map.of());
    }

    ServerState withHoldLease(Duration lease) {
        return new ServerState(lease, lineage);
    }

    ServerState withLineage(Map<String, Partition> next) {
        return new ServerState(holdLease, new TreeMap<>(next));
    }
}
