package dev.vigil.cli.daemon.ipc;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The local user on the other end of a control connection, as reported by the kernel
 * ({@code SO_PEERCRED}) and completed from the account database. Immutable.
 *
 * @param user the user name (the decimal uid when the system has no name for it)
 * @param uid the numeric user id, or {@link #UNKNOWN_UID} when it could not be determined
 * @param primaryGroup the peer process's effective group (a name, or the decimal gid)
 * @param groups every group the user belongs to, including {@code primaryGroup}
 */
public record Peer(String user, int uid, String primaryGroup, Set<String> groups) {
    /** The uid of a user the account database does not know and the kernel named only by name. */
    public static final int UNKNOWN_UID = -1;

    /** Validates and copies; {@code groups} always ends up containing {@code primaryGroup}. */
    public Peer {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(primaryGroup, "primaryGroup");
        Set<String> all = new HashSet<>(Objects.requireNonNull(groups, "groups"));
        all.add(primaryGroup);
        groups = Set.copyOf(all);
        if (uid < UNKNOWN_UID) {
            throw new IllegalArgumentException("uid of user '" + user + "' must be >= 0, got " + uid);
        }
    }

    /** Whether this is the superuser (uid 0). */
    public boolean isRoot() {
        return uid == 0;
    }

    /** Whether the user belongs to {@code group}, as primary or supplementary group. */
    public boolean isMemberOf(String group) {
        return groups.contains(group);
    }
}
