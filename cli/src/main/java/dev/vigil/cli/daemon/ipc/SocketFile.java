package dev.vigil.cli.daemon.ipc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's file: checks before binding, permissions after. Stateless.
 */
final class SocketFile {
    /** {@code sizeof(sockaddr_un.sun_path)} on Linux, including the terminating NUL. */
    static final int MAX_PATH_BYTES = 108;

    private static final Logger LOG = LoggerFactory.getLogger(SocketFile.class);
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-rw----");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFile() {
    }

    /** Refuses paths the kernel cannot bind or connect to. */
    static void checkLength(Path path) {
        int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= MAX_PATH_BYTES) {
            throw new IllegalArgumentException("control socket path '" + path + "' is " + bytes
                    + " bytes long; Unix socket paths must be shorter than " + MAX_PATH_BYTES + " bytes");
        }
    }

    /**
     * Makes {@code path} bindable: creates a missing parent directory (mode 0750, group
     * {@value AccessPolicy#ADMIN_GROUP} so members can reach the socket), and removes a socket
     * file nobody listens on.
     *
     * @throws IOException if a daemon listens on it, or it is not a socket, or the checks fail
     */
    static void prepare(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            Files.setPosixFilePermissions(parent, DIRECTORY_MODE);
            setAdminGroup(parent);
            LOG.debug("created control socket directory {}", parent);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new IOException(path + " exists and is not a socket; remove it or configure another control socket path");
        }
        if (isListening(path)) {
            throw new IOException("another vigild is already running on " + path);
        }
        Files.delete(path);
        LOG.info("removed stale control socket {} (nothing was listening on it)", path);
    }

    /** Sets mode 0660 and, when that group exists, group {@value AccessPolicy#ADMIN_GROUP}. */
    static void restrict(Path path) throws IOException {
        Files.setPosixFilePermissions(path, SOCKET_MODE);
        setAdminGroup(path);
    }

    /** Whether {@code path} is a socket file (not following links). */
    static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    /** The file's identity (device and inode), or {@code null} if it is gone or unknown. */
    static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isListening(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IOException("cannot check whether another vigild is running on " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private static void setAdminGroup(Path path) throws IOException {
        String group = AccessPolicy.ADMIN_GROUP;
        GroupPrincipal principal;
        try {
            principal = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (UserPrincipalNotFoundException e) {
            LOG.debug("group {} does not exist; {} keeps its group", group, path);
            return;
        }
        try {
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setGroup(principal);
        } catch (FileSystemException e) {
            // Only root (or a member of the group) may do this; a daemon run by an ordinary user
            // relies on AccessPolicy admitting its own user instead.
            LOG.debug("cannot give {} to group {}: {}", path, group, e.getMessage());
        }
    }
}
