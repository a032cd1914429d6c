package dev.vigil.quorumd.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a {@link QuorumClient}. Immutable.
 *
 * @param granted    whether this node's partition holds the vote right now
 * @param validUntil when the vote lapses unless renewed (client's clock), when granted
 * @param connected  whether the client has a working connection to the server
 * @param partition  the partition last reported, empty before the first report
 * @param holder     the partition the server said holds the vote, empty when none or unknown
 * @param reason     the latest reason given by the server or the client
 */
public record VoteStatus(boolean granted, Optional<Instant> validUntil, boolean connected, List<String> partition,
        List<String> holder, String reason) {

    public VoteStatus {
        partition = List.copyOf(partition);
        holder = List.copyOf(holder);
        if (granted != validUntil.isPresent()) {
            throw new IllegalArgumentException("validUntil is given exactly when granted");
        }
    }

    static VoteStatus initial() {
        return new VoteStatus(false, Optional.empty(), false, List.of(), List.of(), "not started");
    }
}
