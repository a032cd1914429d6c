package dev.vigil.quorumd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.quorumd.client.QuorumClient;
import dev.vigil.quorumd.tls.TlsFiles;
import dev.vigil.quorumd.vote.Partition;
import dev.vigil.quorumd.wire.ErrorMessage;
import dev.vigil.quorumd.wire.FrameCodec;
import dev.vigil.quorumd.wire.Hello;
import dev.vigil.quorumd.wire.Message;
import dev.vigil.quorumd.wire.Protocol;
import dev.vigil.quorumd.wire.Welcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quorum server and client over real TLS sockets on loopback, in one JVM. */
class QuorumServerIT {
    static final Duration HEARTBEAT = Duration.ofMillis(100);
    static final Duration LEASE = Duration.ofMillis(500);
    static final Duration WAIT = Duration.ofSeconds(8);
    private static final String C = TestCertificates.CLUSTER;

    private final TestCertificates certs = TestCertificates.get();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private QuorumServer server(int port, ClientNameCheck check) throws IOException {
        QuorumServer s = QuorumServer.builder().listen("127.0.0.1", port).sslContext(certs.serverContext())
                .heartbeat(HEARTBEAT).lease(LEASE).clientNameCheck(check).build();
        s.start();
        closeables.add(s);
        return s;
    }

    private QuorumServer server() throws IOException {
        return server(0, ClientNameCheck.NODE);
    }

    private QuorumClient client(int port, String node, int id, SSLContext ctx, VoteLog log, String... members) {
        QuorumClient c = QuorumClient.builder().server("127.0.0.1", port).cluster(C).node(node).nodeId(id)
                .sslContext(ctx).heartbeat(HEARTBEAT).timeout(Duration.ofMillis(400))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).listener(log).build();
        closeables.add(c);
        c.start();
        c.report(Set.of(members));
        return c;
    }

    private QuorumClient client(int port, String node, int id, VoteLog log, String... members) {
        return client(port, node, id, certs.nodeContext(node), log, members);
    }

    @Test
    void onlyOneOfTwoPartitionsIsGranted() throws IOException {
        QuorumServer server = server();
        VoteLog logA = new VoteLog("a");
        VoteLog logB = new VoteLog("b");
        QuorumClient a = client(server.port(), "a", 1, logA, "a");
        QuorumClient b = client(server.port(), "b", 2, logB, "b");
        await().atMost(WAIT).until(a::hasVote);
        await().atMost(WAIT).until(() -> b.status().holder().equals(List.of("a")));
        assertFalse(b.hasVote());
        assertTrue(b.status().reason().contains("tie at 1 connected node"), b.status().reason());
        assertEquals(Optional.of(Partition.of("a")), server.holder(C));
        assertFalse(logB.wasEverGranted());
        // The partitions merge: the common partition gets the vote.
        a.report(Set.of("a", "b"));
        b.report(Set.of("a", "b"));
        await().atMost(WAIT).until(() -> a.hasVote() && b.hasVote());
        assertEquals(Optional.of(Partition.of("a", "b")), server.holder(C));
    }

    @Test
    void aLargerPartitionTakesOverOnceTheHoldersLeaseHasRunOut() throws IOException {
        QuorumServer server = server();
        VoteLog logA = new VoteLog("a");
        QuorumClient a = client(server.port(), "a", 1, logA, "a");
        await().atMost(WAIT).until(a::hasVote);
        VoteLog logB = new VoteLog("b");
        VoteLog logC = new VoteLog("c");
        QuorumClient b = client(server.port(), "b", 2, logB, "b", "c");
        QuorumClient c = client(server.port(), "c", 3, logC, "b", "c");
        await().atMost(WAIT).until(() -> b.hasVote() && c.hasVote());
        assertFalse(a.hasVote());
        // a heard the refusal on its next heartbeat, before its lease would have run out.
        assertTrue(logA.lastLossReason().startsWith("the quorum server refused: partition {b, c} is to get the vote"),
                logA.lastLossReason());
        logA.assertNeverOverlaps(logB);
        logA.assertNeverOverlaps(logC);
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        QuorumServer server = server();
        try (LogCapture log = new LogCapture()) {
            SSLContext noKey = SSLContext.getInstance(Protocol.TLS_VERSION);
            noKey.init(null, trustManagers(), null);
            try (SSLSocket s = (SSLSocket) noKey.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                assertThrows(IOException.class, () -> {
                    s.startHandshake();
                    FrameCodec.write(s.getOutputStream(), new Hello(Protocol.VERSION, C, "a", 1));
                    FrameCodec.read(s.getInputStream());
                });
                String peer = "/127.0.0.1:" + s.getLocalPort();
                await().atMost(WAIT).until(() -> log.contains("TLS handshake with " + peer + " failed"));
            }
        }
        assertEquals(Optional.empty(), server.holder(C));
    }

    @Test
    void aClientWithACertificateFromAnotherCaIsRefused() throws IOException {
        QuorumServer server = server();
        VoteLog good = new VoteLog("b");
        VoteLog foreign = new VoteLog("a-foreign");
        try (LogCapture log = new LogCapture()) {
            QuorumClient intruder = client(server.port(), "a", 1, certs.foreignNodeContext(), foreign, "a");
            QuorumClient b = client(server.port(), "b", 2, good, "b");
            await().atMost(WAIT).until(b::hasVote);
            await().atMost(WAIT).until(() -> intruder.status().reason().contains("TLS failure"));
            assertTrue(log.contains("TLS handshake with /127.0.0.1:"), log.lines().toString());
            assertFalse(intruder.hasVote());
        }
        assertFalse(foreign.wasEverGranted());
        assertEquals(Optional.of(Partition.of("b")), server.holder(C));
    }

    @Test
    void garbageIsRefusedWithoutDisturbingAGoodClient() throws Exception {
        QuorumServer server = server();
        VoteLog logA = new VoteLog("a");
        QuorumClient a = client(server.port(), "a", 1, logA, "a");
        await().atMost(WAIT).until(a::hasVote);
        try (LogCapture log = new LogCapture()) {
            // Not TLS at all.
            try (Socket raw = new Socket("127.0.0.1", server.port())) {
                raw.setSoTimeout(5000);
                byte[] junk = new byte[2000];
                new Random(7).nextBytes(junk);
                raw.getOutputStream().write(junk);
                assertClosedByPeer(raw.getInputStream());
                String peer = "/127.0.0.1:" + raw.getLocalPort();
                await().atMost(WAIT).until(() -> log.contains("TLS handshake with " + peer + " failed"));
            }
            // A trusted peer sending an absurd frame length.
            try (SSLSocket s = tlsSocket(server.port(), "d")) {
                s.getOutputStream().write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                s.getOutputStream().flush();
                Message m = FrameCodec.read(s.getInputStream());
                assertInstanceOf(ErrorMessage.class, m);
                assertTrue(((ErrorMessage) m).message().contains("frame length 2147483647"), m.toString());
                assertClosedByPeer(s.getInputStream());
                String peer = "quorum peer /127.0.0.1:" + s.getLocalPort();
                await().atMost(WAIT).until(() -> log.contains("WARN " + peer + ": frame length 2147483647"));
            }
            // A trusted peer that says hello, then sends broken JSON.
            try (SSLSocket s = tlsSocket(server.port(), "d")) {
                FrameCodec.write(s.getOutputStream(), new Hello(Protocol.VERSION, C, "d", 4));
                assertInstanceOf(Welcome.class, FrameCodec.read(s.getInputStream()));
                byte[] bad = "{\"type\":\"report\",\"seq\":1,\"members\":[".getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {0, 0, 0, (byte) bad.length});
                out.write(bad);
                out.flush();
                Message m = FrameCodec.read(s.getInputStream());
                assertTrue(((ErrorMessage) m).message().startsWith("malformed message"), m.toString());
                assertClosedByPeer(s.getInputStream());
                await().atMost(WAIT).until(() -> log.contains("node 'd' of cluster 'c1' (/127.0.0.1:"
                        + s.getLocalPort() + "): malformed message"));
            }
        }
        assertTrue(a.hasVote());
        assertEquals(0, logA.losses(), logA.toString());
    }

    @Test
    void theCertificateMustNameTheNodeWhenRequired() throws IOException {
        QuorumServer server = server(0, ClientNameCheck.NODE);
        VoteLog log = new VoteLog("b-as-a");
        // b's certificate, announcing itself as a.
        QuorumClient impostor = client(server.port(), "a", 1, certs.nodeContext("b"), log, "a");
        await().atMost(WAIT).until(() -> impostor.status().reason().contains("its CN must be 'a'"));
        assertFalse(log.wasEverGranted());
    }

    @Test
    void aClientLosesTheVoteWhenTheServerVanishes() throws IOException {
        QuorumServer server = server();
        VoteLog logA = new VoteLog("a");
        QuorumClient a = client(server.port(), "a", 1, logA, "a");
        await().atMost(WAIT).until(a::hasVote);
        Instant stopped = Instant.now();
        server.stop();
        await().atMost(WAIT).until(() -> !a.hasVote());
        assertTrue(Duration.between(stopped, Instant.now()).compareTo(LEASE.plusMillis(300)) < 0,
                "the vote should lapse within about a lease");
        await().atMost(WAIT).until(() -> logA.lastLossReason().contains("lease expired"));
        assertFalse(a.status().connected());
    }

    @Test
    void aRestartedServerNeverGrantsTwoPartitions() throws IOException {
        QuorumServer first = server();
        int port = first.port();
        VoteLog logA = new VoteLog("a");
        QuorumClient a = client(port, "a", 1, logA, "a");
        await().atMost(WAIT).until(a::hasVote);
        first.stop();
        // While no server runs, the larger partition {b, c} comes up; it would win at once.
        VoteLog logB = new VoteLog("b");
        VoteLog logC = new VoteLog("c");
        QuorumClient b = client(port, "b", 2, logB, "b", "c");
        QuorumClient c = client(port, "c", 3, logC, "b", "c");
        Instant restarted = Instant.now();
        QuorumServer second = server(port, ClientNameCheck.NODE);
        await().atMost(WAIT).until(() -> b.hasVote() && c.hasVote());
        assertTrue(Duration.between(restarted, Instant.now()).compareTo(LEASE) >= 0,
                "the restarted server granted within its startup hold");
        await().atMost(WAIT).until(() -> a.status().connected() && a.status().holder().equals(List.of("b", "c")));
        assertFalse(a.hasVote());
        logA.assertNeverOverlaps(logB);
        logA.assertNeverOverlaps(logC);
        assertEquals(Optional.of(Partition.of("b", "c")), second.holder(C));
    }

    @Test
    void aLongerLeaseOfThePreviousRunLengthensTheStartupHold(@TempDir Path stateDir) throws IOException {
        new StateFile(stateDir).save(new ServerState(Duration.ofMillis(1200), Map.of(C, Partition.of("b"))));
        QuorumServer server;
        try (LogCapture log = new LogCapture()) {
            server = QuorumServer.builder().listen("127.0.0.1", 0).sslContext(certs.serverContext())
                    .heartbeat(HEARTBEAT).lease(LEASE).stateDir(stateDir).build();
            server.start();
            closeables.add(server);
            assertTrue(log.contains("no vote is granted during the first 1200 ms"), log.lines().toString());
        }
        Instant started = Instant.now();
        VoteLog logA = new VoteLog("a");
        VoteLog logB = new VoteLog("b");
        client(server.port(), "a", 1, logA, "a");
        QuorumClient b = client(server.port(), "b", 2, logB, "b");
        await().atMost(WAIT).until(b::hasVote); // tie at one node: b held the vote in the previous run
        assertTrue(Duration.between(started, Instant.now()).toMillis() >= 1200);
        assertFalse(logA.wasEverGranted());
        // Once the hold is over only this run's leases can be valid: the next start waits one of them.
        await().atMost(WAIT).until(() -> new StateFile(stateDir).load().holdLease().equals(LEASE));
    }

    private SSLSocket tlsSocket(int port, String node) throws IOException {
        SSLSocket s = (SSLSocket) certs.nodeContext(node).getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(5000);
        s.startHandshake();
        return s;
    }

    /** Reads until the peer closes: end of stream or a reset, not a timeout. */
    private static void assertClosedByPeer(InputStream in) {
        try {
            while (in.read() >= 0) {
                // Discard what the peer sends before closing (a TLS alert).
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        } catch (IOException e) {
            // Reset or TLS alert: closed.
        }
    }

    private javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore trust = TlsFiles.loadTrustStore(certs.main().truststore(),
                TlsFiles.readPassword(certs.main().truststorePasswordFile()));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }
}
