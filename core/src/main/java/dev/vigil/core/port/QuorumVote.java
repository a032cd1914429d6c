package dev.vigil.core.port;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link QuorumSource} says about its vote for this node's partition. Immutable.
 *
 * @param granted   the partition last reported holds the vote now (an unexpired lease)
 * @param refused   the source gave the vote to another partition, with no member in common with this
 *                  one: waiting longer will not bring it (until the membership changes)
 * @param connected the source can be reached
 * @param holder    the partition holding the vote as far as the source said, empty when none or unknown
 * @param reason    the latest reason the source or its client gave, for people
 */
public record QuorumVote(boolean granted, boolean refused, boolean connected, List<String> holder, String reason) {

    public QuorumVote {
        holder = List.copyOf(holder);
        Objects.requireNonNull(reason, "reason");
        if (granted && refused) {
            throw new IllegalArgumentException("a vote cannot be granted and refused at once");
        }
    }

    /** No vote, no contact yet. */
    public static QuorumVote none(String reason) {
        return new QuorumVote(false, false, false, List.of(), reason);
    }
}
