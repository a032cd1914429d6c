package dev.vigil.cli.daemon.ipc;

import java.util.Objects;

/**
 * Decides which local users may use the control socket. Checked once per connection, before
 * any request is handled; a refused peer receives one {@link ControlException#PERMISSION_DENIED}
 * answer carrying {@link #refusal(Peer)} and is disconnected.
 *
 * <p>This is the second line of defence: the socket file itself is mode 0660, group
 * {@value #ADMIN_GROUP}. Implementations must be thread-safe (called from connection threads).
 */
@FunctionalInterface
public interface AccessPolicy {
    /** The group whose members administer the cluster, as in Heartbeat and Pacemaker. */
    String ADMIN_GROUP = "haclient";

    /** Whether {@code peer} may send requests. */
    boolean admits(Peer peer);

    /** The message a refused peer receives: who was refused, who is admitted, and the fix. */
    default String refusal(Peer peer) {
        return "user '" + peer.user() + "' may not use the Vigil control socket: only root and members of the "
                + ADMIN_GROUP + " group may (usermod -aG " + ADMIN_GROUP + " " + peer.user() + ")";
    }

    /**
     * The default policy: root, members of {@value #ADMIN_GROUP}, and the user this JVM runs as
     * (so a daemon started by an ordinary user, as in the no-root demo, can be driven by that user).
     */
    static AccessPolicy standard() {
        return standard(System.getProperty("user.name"));
    }

    /** The default policy, with {@code daemonUser} as the user the daemon runs as. */
    static AccessPolicy standard(String daemonUser) {
        Objects.requireNonNull(daemonUser, "daemonUser");
        return peer -> peer.isRoot() || peer.isMemberOf(ADMIN_GROUP) || peer.user().equals(daemonUser);
    }
}
