package dev.vigil.core.port;

/**
 * Receives membership events. Called from the membership adapter's I/O threads: implementations
 * must hand the event to their own loop and return quickly.
 */
public interface MembershipListener {

    /** The member set or a link's state changed. */
    void viewChanged(MembershipView view);

    /** An authenticated message from another member (never one this node sent itself). */
    void messageReceived(String fromNode, byte[] payload);
}
