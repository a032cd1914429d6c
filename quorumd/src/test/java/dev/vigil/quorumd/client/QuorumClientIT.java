package dev.vigil.quorumd.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.quorumd.TestCertificates;
import dev.vigil.quorumd.VoteLog;
import dev.vigil.quorumd.vote.ManualClock;
import dev.vigil.quorumd.wire.Hello;
import dev.vigil.quorumd.wire.Report;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's lease accounting against a scripted server, on a manual clock. */
class QuorumClientIT {
    private static final Duration SLOW = Duration.ofMinutes(1); // no heartbeats during a test
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestCertificates certs = TestCertificates.get();
    private final ManualClock clock = new ManualClock();
    private final VoteLog log = new VoteLog("a");
    private FakeQuorumServer server;
    private QuorumClient client;

    @BeforeEach
    void connect() throws Exception {
        server = new FakeQuorumServer(certs.serverContext());
        client = QuorumClient.builder().server("127.0.0.1", server.port()).cluster("c1").node("a").nodeId(1)
                .sslContext(certs.nodeContext("a")).heartbeat(SLOW).timeout(SLOW).clock(clock).listener(log)
                .build();
        client.start();
        client.report(Set.of("a", "b"));
        Hello hello = server.accept(SLOW, Duration.ofSeconds(1));
        assertEquals(new Hello(1, "c1", "a", 1), hello);
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void theLeaseCountsFromWhenTheReportWasSentMinusTheMargin() throws Exception {
        Report r = server.nextReport();
        assertEquals(List.of("a", "b"), r.members());
        clock.advanceMillis(500); // a slow round trip
        server.grant(r, 1000);
        await().atMost(WAIT).until(client::hasVote);
        assertEquals(clock.instant().plusMillis(400), client.status().validUntil().orElseThrow());
        clock.advanceMillis(399);
        assertTrue(client.hasVote());
        clock.advanceMillis(1);
        assertFalse(client.hasVote());
        await().atMost(WAIT).until(() -> log.lastLossReason().startsWith("lease expired"));
    }

    @Test
    void aGrantForAnEarlierPartitionIsIgnored() throws Exception {
        Report old = server.nextReport();
        client.report(Set.of("a"));
        Report current = server.nextReport();
        assertEquals(List.of("a"), current.members());
        assertTrue(current.seq() > old.seq());
        server.grant(old, 1000);
        server.refuse(current, "partition {z} holds the vote");
        await().atMost(WAIT).until(() -> client.status().holder().equals(List.of("z")));
        assertFalse(client.hasVote());
        assertFalse(log.wasEverGranted());
    }

    @Test
    void changingThePartitionDropsTheVoteAtOnce() throws Exception {
        server.grant(server.nextReport(), 1000);
        await().atMost(WAIT).until(client::hasVote);
        client.report(Set.of("a"));
        await().atMost(WAIT).until(() -> !client.hasVote());
        assertTrue(log.lastLossReason().startsWith("partition changed to {a}"), log.lastLossReason());
        server.grant(server.nextReport(), 1000);
        await().atMost(WAIT).until(client::hasVote);
        assertEquals(1, log.losses());
    }

    @Test
    void closingGivesTheVoteUp() throws Exception {
        server.grant(server.nextReport(), 1000);
        await().atMost(WAIT).until(client::hasVote);
        client.close();
        assertFalse(client.hasVote());
        assertEquals("quorum client closed", log.lastLossReason());
    }
}
