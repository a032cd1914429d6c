package dev.vigil.core.port;

import java.io.IOException;

/**
 * Cluster membership and messaging over one or more redundant links. Messages are
 * authenticated (and encrypted) with the cluster key; a message from a node without the key is
 * dropped, never delivered. Delivery is reliable and in order per sender as long as one link
 * between the two nodes stays up, and each message is delivered once even when it travelled on
 * several links. Thread-safe.
 */
public interface Membership extends AutoCloseable {

    /** This node's name. */
    String localNode();

    /** Connects every configured link and starts delivering events to {@code listener}. */
    void start(MembershipListener listener) throws IOException;

    /** The current view (this node alone before {@link #start}). */
    MembershipView view();

    /** Sends to every other member. */
    void broadcast(byte[] payload);

    /** Sends to one member; silently dropped if that node is not a member. */
    void send(String node, byte[] payload);

    /** Leaves the cluster and closes every link. Idempotent. */
    @Override
    void close();
}
