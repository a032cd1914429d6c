package dev.vigil.quorumd.vote;

import java.time.Duration;
import java.time.Instant;

/** What the arbiter knows about one node. Mutable; owned by one {@link ClusterVote}. */
final class NodeRecord {
    final String name;
    int nodeId;
    Partition partition;
    Instant lastReportAt;
    boolean connected;
    /** The partition of the node's last grant, while that grant may still be valid. */
    Partition grantedPartition;
    /** End of the node's last grant, server side; {@code null} when it holds none. */
    Instant grantUntil;

    NodeRecord(String name) {
        this.name = name;
    }

    boolean isLive(Instant now, Duration nodeTimeout) {
        return connected && partition != null && lastReportAt.plus(nodeTimeout).isAfter(now);
    }

    boolean holdsGrant() {
        return grantUntil != null;
    }

    void grant(Partition p, Instant until) {
        grantedPartition = p;
        grantUntil = until;
    }

    void clearGrant() {
        grantedPartition = null;
        grantUntil = null;
    }
}
