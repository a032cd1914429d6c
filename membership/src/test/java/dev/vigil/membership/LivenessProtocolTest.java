package dev.vigil.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.LinkStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The liveness connections: a dropped one is only a suspicion; strangers on the port change nothing. */
class LivenessProtocolTest {

    private static final Duration DEADTIME = Duration.ofSeconds(10);
    private static final List<String> PAIR = List.of("a", "b");
    private static final List<String> LINKS = List.of("link0", "link1");

    private TestCluster cluster;

    @AfterEach
    void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDroppedConnectionToALiveNodeIsSuspectedRefutedAndOpenedAgain() throws Exception {
        startPair();
        int viewsAtA = cluster.listener("a").views.size();
        int viewsAtB = cluster.listener("b").views.size();

        for (String link : LINKS) {
            liveness("a", link).dropConnections(); // as a forged reset of every connection would
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> LINKS.stream()
                .allMatch(link -> liveness("a", link).suspicionCount() == 1));
        Thread.sleep(4 * ProtocolStacks.MAX_VERIFY_MILLIS); // several verify windows: b answered ARE_YOU_DEAD

        assertEquals(viewsAtA, cluster.listener("a").views.size(), "no view change at a");
        assertEquals(viewsAtB, cluster.listener("b").views.size(), "no view change at b");
        assertEquals(PAIR, cluster.node("a").view().members());
        await().atMost(Duration.ofSeconds(5)).until(() -> LINKS.stream()
                .allMatch(link -> liveness("a", link).watchedCount() == 1));
    }

    @Test
    void strangersOnTheLivenessPortAreClosedOnTheirFirstByteAndChangeNothing() throws Exception {
        startPair();
        int viewsAtA = cluster.listener("a").views.size();
        int port = liveness("b", "link0").port();
        for (int i = 0; i < 20; i++) {
            try (Socket stranger = new Socket()) {
                stranger.connect(new InetSocketAddress(TestCluster.HOST, port), 1_000);
                stranger.setSoTimeout(2_000);
                OutputStream out = stranger.getOutputStream();
                out.write(("GET / HTTP/1.0\r\n\r\n" + i).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = stranger.getInputStream();
                assertEquals(-1, in.read(), "b closes a connection that sends anything, answering nothing");
            }
        }
        try (Socket idle = new Socket()) {
            idle.connect(new InetSocketAddress(TestCluster.HOST, port), 1_000); // then just closed
        }
        Thread.sleep(4 * ProtocolStacks.MAX_VERIFY_MILLIS);
        assertEquals(viewsAtA, cluster.listener("a").views.size());
        assertEquals(PAIR, cluster.node("b").view().members());
        for (String link : LINKS) {
            assertEquals(0, liveness("a", link).suspicionCount(), link);
            assertEquals(0, liveness("b", link).suspicionCount(), link);
            assertEquals(1, liveness("b", link).watchedCount(), link);
        }
    }

    @Test
    void aNodeThatLeavesSaysGoodbyeAndIsNotSuspected() throws Exception {
        startPair();
        cluster.node("b").close();
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.listener("a").members().equals(List.of("a")));
        Thread.sleep(500);
        for (String link : LINKS) {
            assertEquals(0, liveness("a", link).suspicionCount(), link);
        }
    }

    private void startPair() {
        cluster = TestCluster.configure(TestCluster.key(11), "a", "b")
                .withTimings(Duration.ofMillis(500), DEADTIME).startAll();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String node : PAIR) {
                for (String link : LINKS) {
                    assertEquals(new LinkStatus(link, true, PAIR), cluster.listener(node).link(link), node);
                    assertTrue(liveness(node, link).watchedCount() == 1, node + " watches on " + link);
                }
            }
        });
    }

    private LivenessProtocol liveness(String node, String link) {
        return cluster.node(node).link(link).liveness();
    }
}
