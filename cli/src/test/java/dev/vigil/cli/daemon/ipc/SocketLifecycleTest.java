package dev.vigil.cli.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SocketLifecycleTest {
    private Path dir;
    private Path socket;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Fixtures.socketDir();
        socket = dir.resolve("vigil.sock");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        Fixtures.deleteTree(dir);
    }

    private ControlServer start(Path path) throws IOException {
        return ControlServer.start(path, Fixtures::echo, AccessPolicy.standard());
    }

    @Test
    void replacesAStaleSocketFile() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a channel leaves its socket file behind");
        try (ControlServer server = start(socket); ControlClient client = ControlClient.connect(socket)) {
            assertTrue(server.isOpen());
            assertTrue(client.call("echo").isObject());
        }
    }

    @Test
    void refusesToStartWhileAnotherServerListens() throws Exception {
        try (ControlServer first = start(socket)) {
            IOException e = assertThrows(IOException.class, () -> start(socket));
            assertEquals("another vigild is already running on " + socket, e.getMessage());
            assertTrue(first.isOpen());
            try (ControlClient client = ControlClient.connect(socket)) {
                assertTrue(client.call("echo").isObject(), "the first server is unharmed");
            }
        }
    }

    @Test
    void neverDeletesAFileThatIsNotASocket() throws Exception {
        Files.writeString(socket, "precious");
        IOException e = assertThrows(IOException.class, () -> start(socket));
        assertEquals(socket + " exists and is not a socket; remove it or configure another control socket path",
                e.getMessage());
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    void closeRemovesTheSocketFile() throws Exception {
        ControlServer server = start(socket);
        assertTrue(SocketFile.isSocket(socket));
        server.close();
        assertFalse(Files.exists(socket));
        server.close();
    }

    @Test
    void closeLeavesASocketFileThatIsNoLongerItsOwn() throws Exception {
        ControlServer server = start(socket);
        Files.delete(socket);
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            server.close();
            assertTrue(Files.exists(socket), "another daemon's socket survives our close");
        }
    }

    @Test
    void createsTheDirectoryAndRestrictsTheSocket() throws Exception {
        Path nested = dir.resolve("run").resolve("vigil.sock");
        try (ControlServer server = start(nested)) {
            assertEquals(nested, server.socketPath());
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())));
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
            GroupPrincipal haclient = haclientIfAllowed();
            if (haclient != null) {
                assertEquals(haclient, Files.getAttribute(nested, "posix:group"));
                assertEquals(haclient, Files.getAttribute(nested.getParent(), "posix:group"));
            }
        }
    }

    @Test
    void refusesPathsTooLongForUnixSockets() {
        Path tooLong = dir.resolve("x".repeat(120));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(tooLong));
        assertTrue(e.getMessage().contains("must be shorter than 108 bytes"), e.getMessage());
    }

    @Test
    void clientExplainsAMissingSocket() {
        ControlException e = assertThrows(ControlException.class, () -> ControlClient.connect(socket));
        assertEquals(ControlException.UNAVAILABLE, e.code());
        assertEquals("cannot reach vigild at " + socket + ": no such socket (is vigild running? start it with "
                + "'vigil daemon -c /etc/vigil/ha.cf')", e.getMessage());
    }

    @Test
    void clientExplainsAStaleSocket() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        ControlException e = assertThrows(ControlException.class, () -> ControlClient.connect(socket));
        assertEquals(ControlException.UNAVAILABLE, e.code());
        assertEquals("cannot reach vigild at " + socket + ": nothing is listening (vigild is not running)",
                e.getMessage());
    }

    @Test
    void clientExplainsAPathThatIsNotASocket() throws Exception {
        Files.writeString(socket, "not a socket");
        ControlException e = assertThrows(ControlException.class, () -> ControlClient.connect(socket));
        assertEquals("cannot reach vigild at " + socket + ": it is not a socket (check the control socket path)",
                e.getMessage());
    }

    @Test
    void clientExplainsPermissionDenied() throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listening.bind(UnixDomainSocketAddress.of(socket));
            // Root is never refused by the kernel, so feed the classification the JDK's EACCES directly.
            ControlException e = ControlClient.unreachable(socket, new java.net.BindException("Permission denied"));
            assertEquals(ControlException.PERMISSION_DENIED, e.code());
            assertEquals("cannot reach vigild at " + socket + ": permission denied (only root and members of the "
                    + "haclient group may use it)", e.getMessage());
        }
    }

    @Test
    void clientGivesUpAfterItsCallTimeout() throws Exception {
        CompletableFuture<JsonNode> never = new CompletableFuture<>();
        try (ControlServer server = ControlServer.start(socket, request -> never, AccessPolicy.standard());
                ControlClient client = ControlClient.connect(socket, Duration.ofMillis(200))) {
            ControlException e = assertThrows(ControlException.class, () -> client.call("status"));
            assertEquals(ControlException.TIMEOUT, e.code());
            assertEquals("vigild at " + socket + " did not answer 'status' within 200 ms", e.getMessage());
            assertTrue(server.isOpen(), "only the client gave up");
            ControlException after = assertThrows(ControlException.class, () -> client.call("status"));
            assertEquals("the connection to vigild at " + socket + " is closed", after.getMessage());
        }
    }

    @Test
    void closingTheClientFailsACallInProgress() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        try (ControlServer server = ControlServer.start(socket, request -> {
            called.countDown();
            return new CompletableFuture<>();
        }, AccessPolicy.standard())) {
            ControlClient client = ControlClient.connect(socket);
            CompletableFuture<ControlException> failure = CompletableFuture.supplyAsync(
                    () -> assertThrows(ControlException.class, () -> client.call("status")));
            called.await();
            client.close();
            ControlException e = failure.get(10, TimeUnit.SECONDS);
            assertEquals(ControlException.UNAVAILABLE, e.code());
            assertEquals("lost the connection to vigild at " + socket + " during 'status': the connection was closed",
                    e.getMessage());
            assertTrue(server.isOpen());
        }
    }

    @Test
    void clientReportsADaemonThatGoesAway() throws Exception {
        ControlServer server = start(socket);
        try (ControlClient client = ControlClient.connect(socket)) {
            assertTrue(client.call("echo").isObject());
            server.close();
            ControlException e = assertThrows(ControlException.class, () -> client.call("echo"));
            assertEquals(ControlException.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().startsWith("vigild at " + socket + " closed the connection")
                    || e.getMessage().startsWith("lost the connection to vigild at " + socket), e.getMessage());
        }
    }

    /** The haclient group, if it exists and this user may give files to it (root, or a member). */
    private GroupPrincipal haclientIfAllowed() throws IOException {
        try {
            GroupPrincipal group = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(AccessPolicy.ADMIN_GROUP);
            return "root".equals(System.getProperty("user.name")) ? group : null;
        } catch (UserPrincipalNotFoundException e) {
            return null;
        }
    }
}
