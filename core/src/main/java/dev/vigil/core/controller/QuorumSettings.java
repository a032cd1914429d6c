package dev.vigil.core.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node counts quorum (corosync votequorum's options). Immutable.
 *
 * @param twoNode       two-node mode: {@link TwoNode#AUTO} (the default) turns it on for exactly two
 *                      nodes and no quorum server
 * @param waitForAll    whether, after this daemon starts, quorum waits until every node has been seen
 *                      at once; null: on exactly in two-node mode
 * @param expectedVotes the expected votes; 0 counts them (one per node, plus one for a quorum server)
 * @param sourceWait    how long a partition whose quorum hangs on the quorum server's vote waits for it
 *                      after a membership change or a lost vote before it counts as without quorum
 */
public record QuorumSettings(TwoNode twoNode, Boolean waitForAll, int expectedVotes, Duration sourceWait) {

    /** Two-node mode. */
    public enum TwoNode {
        /** On for exactly two nodes without a quorum server. */
        AUTO,
        /** On (at most two nodes; not with a quorum server). */
        ON,
        /** Off: a lone node of two has no quorum. */
        OFF
    }

    public QuorumSettings {
        Objects.requireNonNull(twoNode, "twoNode");
        Objects.requireNonNull(sourceWait, "sourceWait");
        if (expectedVotes < 0) {
            throw new IllegalArgumentException("expected votes must be 0 (counted) or more, got " + expectedVotes);
        }
        if (sourceWait.isNegative()) {
            throw new IllegalArgumentException("the wait for the quorum server must not be negative, got "
                    + sourceWait);
        }
    }

    /** Two-node mode auto, wait-for-all with it, votes counted, 10 s for the quorum server. */
    public static QuorumSettings defaults() {
        return new QuorumSettings(TwoNode.AUTO, null, 0, Duration.ofSeconds(10));
    }

    public QuorumSettings withTwoNode(TwoNode mode) {
        return new QuorumSettings(mode, waitForAll, expectedVotes, sourceWait);
    }

    public QuorumSettings withWaitForAll(Boolean wait) {
        return new QuorumSettings(twoNode, wait, expectedVotes, sourceWait);
    }

    public QuorumSettings withExpectedVotes(int votes) {
        return new QuorumSettings(twoNode, waitForAll, votes, sourceWait);
    }

    public QuorumSettings withSourceWait(Duration wait) {
        return new QuorumSettings(twoNode, waitForAll, expectedVotes, wait);
    }
}
