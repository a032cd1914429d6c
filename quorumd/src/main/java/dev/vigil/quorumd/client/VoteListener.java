package dev.vigil.quorumd.client;

/**
 * Told when this node's partition gains or loses the quorum server's vote. Called on the client's
 * own thread, in order; implementations must return quickly (post to their own event loop).
 */
@FunctionalInterface
public interface VoteListener {
    /**
     * @param granted whether the vote is now held
     * @param reason  why, for the log ("lease expired: ...", the server's reason, ...)
     */
    void onVoteChanged(boolean granted, String reason);
}
