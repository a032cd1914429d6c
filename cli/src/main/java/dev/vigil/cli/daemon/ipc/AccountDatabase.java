package dev.vigil.cli.daemon.ipc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the kernel's view of a peer (a user and a group, by name, or by decimal id when the system
 * has no name) into a {@link Peer} with uid and group memberships. {@code SO_PEERCRED} carries no
 * supplementary groups, so they come from here.
 *
 * <p>Implementations must be thread-safe. The standard one re-reads the files on every call, so a
 * user added to {@code haclient} can connect without restarting the daemon.
 */
@FunctionalInterface
public interface AccountDatabase {
    /**
     * Resolves a peer.
     *
     * @param user the user the kernel reported (name, or decimal uid)
     * @param group the peer process's effective group (name, or decimal gid)
     * @throws IOException if the database cannot be read
     */
    Peer resolve(String user, String group) throws IOException;

    /** The local files {@code /etc/passwd} and {@code /etc/group}. */
    static AccountDatabase system() {
        return files(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /**
     * Files in {@code passwd(5)} and {@code group(5)} format. Users known only to NSS services
     * (LDAP, SSSD) are not listed there: they keep the group the kernel reported and, when it
     * reported the user by name, an {@linkplain Peer#UNKNOWN_UID unknown uid}.
     */
    static AccountDatabase files(Path passwd, Path group) {
        return new AccountFiles(passwd, group);
    }
}
