package dev.vigil.quorumd.vote;

/**
 * Something operators want to read in the log: the arbiter returns these instead of logging itself.
 * Immutable.
 */
public sealed interface VoteEvent {

    /** The cluster the event is about. */
    String cluster();

    /** The vote was given to {@code partition}; its reporting members now receive grants. */
    record Granted(String cluster, Partition partition, String reason) implements VoteEvent {
    }

    /**
     * The vote was taken from {@code partition}: its members are no longer renewed. Leases already
     * granted run out on their own; nothing else is granted before they have.
     */
    record Revoked(String cluster, Partition partition, String reason) implements VoteEvent {
    }

    /** The last unexpired lease of {@code partition} ran out without renewal. */
    record LeaseExpired(String cluster, Partition partition) implements VoteEvent {
    }
}
