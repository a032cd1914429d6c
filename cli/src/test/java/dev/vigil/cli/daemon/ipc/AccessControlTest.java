package dev.vigil.cli.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class AccessControlTest {
    private static final Peer BOB = new Peer("bob", 1001, "bob", Set.of("bob", "users"));
    private static final String BOB_REFUSAL = "user 'bob' may not use the Vigil control socket: only root and "
            + "members of the haclient group may (usermod -aG haclient bob)";

    private Path dir;
    private Path socket;
    private ControlServer server;
    private final AtomicInteger handled = new AtomicInteger();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger connectionLogger = (Logger) LoggerFactory.getLogger(Connection.class);

    @BeforeEach
    void setUp() throws IOException {
        dir = Fixtures.socketDir();
        socket = dir.resolve("vigil.sock");
        log.start();
        connectionLogger.addAppender(log);
        connectionLogger.setLevel(Level.DEBUG);
        connectionLogger.setAdditive(false);
    }

    @AfterEach
    void tearDown() throws IOException {
        connectionLogger.detachAppender(log);
        connectionLogger.setLevel(null);
        connectionLogger.setAdditive(true);
        if (server != null) {
            server.close();
        }
        Fixtures.deleteTree(dir);
    }

    /** A server that believes every peer is {@code peer} and runs as user {@code vigild}. */
    private void startSeeing(Peer peer) throws IOException {
        AccountDatabase fake = (user, group) -> peer;
        server = ControlServer.start(socket, request -> {
            handled.incrementAndGet();
            return Fixtures.echo(request);
        }, AccessPolicy.standard("vigild"), ControlServerOptions.defaults().withAccounts(fake));
    }

    @Test
    void refusesOrdinaryUserWithTheFixAndClosesTheConnection() throws Exception {
        startSeeing(BOB);
        try (RawConnection raw = RawConnection.open(socket)) {
            JsonNode answer = raw.exchange("{\"op\":\"echo\"}");
            assertEquals("{\"ok\":false,\"error\":\"" + BOB_REFUSAL + "\",\"code\":\"PERMISSION_DENIED\"}",
                    answer.toString());
            assertTrue(raw.isClosedByServer());
        }
        assertEquals(0, handled.get(), "the handler never sees a refused request");
        List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        String line = warnings.get(0).getFormattedMessage();
        assertTrue(line.contains("'bob'") && line.contains("uid 1001"), line);
    }

    @Test
    void clientSeesPermissionDeniedWithTheServersMessage() throws Exception {
        startSeeing(BOB);
        try (ControlClient client = ControlClient.connect(socket)) {
            ControlException e = assertThrows(ControlException.class, () -> client.call("status"));
            assertEquals(ControlException.PERMISSION_DENIED, e.code());
            assertEquals(BOB_REFUSAL, e.getMessage());
            ControlException after = assertThrows(ControlException.class, () -> client.call("status"));
            assertEquals(ControlException.UNAVAILABLE, after.code(), after.getMessage());
        }
    }

    @Test
    void admitsHaclientMemberThroughTheServer() throws Exception {
        startSeeing(new Peer("alice", 1002, "alice", Set.of("alice", "haclient")));
        try (ControlClient client = ControlClient.connect(socket)) {
            assertEquals("alice", client.call("whoami").get("user").textValue());
        }
        assertEquals(1, handled.get());
    }

    @Test
    void admitsTheRealCurrentUserWithSystemAccounts() throws Exception {
        server = ControlServer.start(socket, Fixtures::echo, AccessPolicy.standard());
        try (ControlClient client = ControlClient.connect(socket)) {
            assertEquals(System.getProperty("user.name"), client.call("whoami").get("user").textValue());
        }
    }

    @Test
    void standardPolicyAdmitsRootHaclientAndTheDaemonUserOnly() {
        AccessPolicy policy = AccessPolicy.standard("vigild");
        assertTrue(policy.admits(new Peer("root", 0, "root", Set.of())), "root");
        assertTrue(policy.admits(new Peer("toor", 0, "wheel", Set.of())), "uid 0 under another name");
        assertTrue(policy.admits(new Peer("alice", 1002, "alice", Set.of("haclient"))), "supplementary haclient");
        assertTrue(policy.admits(new Peer("hacluster", 189, "haclient", Set.of())), "primary haclient");
        assertTrue(policy.admits(new Peer("vigild", 1500, "vigild", Set.of())), "the daemon's own user");
        assertFalse(policy.admits(BOB));
        assertFalse(policy.admits(new Peer("1234", 1234, "1234", Set.of())), "unnamed uid");
        assertFalse(policy.admits(new Peer("carol", Peer.UNKNOWN_UID, "users", Set.of())), "unknown uid");
        assertEquals(BOB_REFUSAL, policy.refusal(BOB));
    }

    @Test
    void standardPolicyWithoutArgumentsAdmitsTheJvmUser() {
        String me = System.getProperty("user.name");
        assertTrue(AccessPolicy.standard().admits(new Peer(me, 4242, me, Set.of())));
    }
}
