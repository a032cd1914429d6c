package dev.vigil.quorumd.vote;

import java.time.Duration;

/**
 * Settings of a {@link VoteArbiter}. Immutable.
 *
 * @param policy      how partitions are compared
 * @param lease       how long one grant stays valid without renewal (server side)
 * @param nodeTimeout a node that has not reported for this long no longer counts as connected
 * @param startupHold how long after start the arbiter grants nothing: at least the longest lease any
 *                    previous incarnation of the server may have granted, so those leases have
 *                    expired before a new grant is made
 */
public record ArbiterSettings(VotePolicy policy, Duration lease, Duration nodeTimeout, Duration startupHold) {

    public ArbiterSettings {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        requirePositive("lease", lease);
        requirePositive("nodeTimeout", nodeTimeout);
        if (startupHold == null || startupHold.isNegative()) {
            throw new IllegalArgumentException("startupHold must be zero or positive, got " + startupHold);
        }
    }

    /** Settings whose node timeout and startup hold both equal the lease. */
    public static ArbiterSettings of(VotePolicy policy, Duration lease) {
        return new ArbiterSettings(policy, lease, lease, lease);
    }

    /** The same settings with another startup hold. */
    public ArbiterSettings withStartupHold(Duration hold) {
        return new ArbiterSettings(policy, lease, nodeTimeout, hold);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
