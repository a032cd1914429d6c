package dev.vigil.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.LinkStatus;
import dev.vigil.core.port.MembershipView;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real channels on loopback: views, delivery, link loss and partitions. */
class JGroupsMembershipTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final byte[] KEY = TestCluster.key(7);

    private TestCluster cluster;

    @AfterEach
    void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoNodesFormOneViewOnBothLinks() {
        long started = System.nanoTime();
        cluster = TestCluster.configure(KEY, "a", "b").startAll();
        awaitFullView(List.of("a", "b"));
        report("two-node join (both links)", started);
    }

    @Test
    void threeNodesFormOneViewOnBothLinks() {
        long started = System.nanoTime();
        cluster = TestCluster.configure(KEY, "a", "b", "c").startAll();
        awaitFullView(List.of("a", "b", "c"));
        report("three-node join (both links)", started);
        MembershipView view = cluster.node("a").view();
        assertEquals(List.of("a", "b", "c"), view.members());
        assertEquals(List.of("link0", "link1"), view.links().stream().map(LinkStatus::link).toList());
    }

    @Test
    void broadcastAndUnicastAreDeliveredExactlyOnceInOrderOverTwoLinks() {
        cluster = TestCluster.configure(KEY, "a", "b", "c").startAll();
        awaitFullView(List.of("a", "b", "c"));
        List<String> broadcasts = IntStream.range(0, 50).mapToObj(i -> "bcast-" + i).toList();
        List<String> unicasts = IntStream.range(0, 20).mapToObj(i -> "to-b-" + i).toList();
        broadcasts.forEach(text -> cluster.node("a").broadcast(bytes(text)));
        unicasts.forEach(text -> cluster.node("a").send("b", bytes(text)));

        // every message travels on both links; once both copies are in, nothing more can arrive
        await().atMost(TIMEOUT).until(() -> cluster.node("b").duplicatesDropped() >= 70
                && cluster.node("c").duplicatesDropped() >= 50);
        List<String> atB = cluster.listener("b").textsFrom("a");
        assertEquals(broadcasts, atB.stream().filter(t -> t.startsWith("bcast")).toList());
        assertEquals(unicasts, atB.stream().filter(t -> t.startsWith("to-b")).toList());
        assertEquals(broadcasts, cluster.listener("c").textsFrom("a"));
        assertTrue(cluster.listener("a").messages.isEmpty(), "a node never receives its own messages");
        cluster.listeners.values().forEach(l -> assertFalse(l.sawConcurrentCallbacks));
    }

    @Test
    void closedNodeIsRemovedFromTheOthersMembers() {
        cluster = TestCluster.configure(KEY, "a", "b", "c").startAll();
        awaitFullView(List.of("a", "b", "c"));
        long closed = System.nanoTime();
        cluster.node("c").close();
        cluster.node("c").close(); // idempotent
        await().atMost(TestCluster.DEADTIME.multipliedBy(3)).untilAsserted(() -> {
            assertEquals(List.of("a", "b"), cluster.listener("a").members());
            assertEquals(List.of("a", "b"), cluster.listener("b").members());
        });
        report("removal of a node that left", closed);
        assertEquals(List.of("c"), cluster.node("c").view().members());
    }

    @Test
    void blockedLinkKeepsTheNodeAMemberReportsTheLinkDownAndStillCarriesMessages() {
        cluster = TestCluster.configure(KEY, "a", "b").startAll();
        awaitFullView(List.of("a", "b"));
        RecordingListener atA = cluster.listener("a");
        int viewsBefore = atA.views.size();

        long blocked = System.nanoTime();
        cluster.node("b").setLinkBlocked("link0", true);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertEquals(new LinkStatus("link0", false, List.of("a")), atA.link("link0"));
            assertEquals(new LinkStatus("link0", false, List.of("b")), cluster.listener("b").link("link0"));
        });
        report("link-down detection", blocked);
        assertTrue(atA.link("link1").up());
        atA.views.subList(viewsBefore, atA.views.size())
                .forEach(v -> assertEquals(List.of("a", "b"), v.members(), "b stays a member: " + v));

        cluster.node("a").send("b", bytes("while link0 is down"));
        cluster.node("b").broadcast(bytes("reply while link0 is down"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertEquals(List.of("while link0 is down"), cluster.listener("b").textsFrom("a"));
            assertEquals(List.of("reply while link0 is down"), atA.textsFrom("b"));
        });

        long unblocked = System.nanoTime();
        cluster.node("b").setLinkBlocked("link0", false);
        awaitFullView(List.of("a", "b"));
        report("link-up after unblocking (merge)", unblocked);
    }

    @Test
    void partitionedNodeIsLostThenMergedBack() {
        cluster = TestCluster.configure(KEY, "a", "b", "c").startAll();
        awaitFullView(List.of("a", "b", "c"));

        long cut = System.nanoTime();
        cluster.node("c").setLinkBlocked("link0", true);
        cluster.node("c").setLinkBlocked("link1", true);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertEquals(List.of("a", "b"), cluster.listener("a").members());
            assertEquals(List.of("a", "b"), cluster.listener("b").members());
            assertEquals(List.of("c"), cluster.listener("c").members());
        });
        report("loss detection of a silent node (both links cut)", cut);

        long healed = System.nanoTime();
        cluster.node("c").setLinkBlocked("link0", false);
        cluster.node("c").setLinkBlocked("link1", false);
        awaitFullView(List.of("a", "b", "c"));
        report("partition heal (merge on both links)", healed);
        cluster.node("c").broadcast(bytes("back"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of("back"), cluster.listener("a").textsFrom("c")));
    }

    @Test
    void startFailsNamingTheLinkThatCannotBindAndReleasesTheOthers() throws Exception {
        InetAddress host = InetAddress.getByName(TestCluster.HOST);
        int udpPort = TestCluster.freeUdpPort();
        try (ServerSocket taken = new ServerSocket(0, 1, host)) {
            JGroupsMembership node = new JGroupsMembership(TestCluster.config("a", KEY,
                    LinkSpec.ofPeers("link0", LinkSpec.Transport.UDP, TestCluster.HOST, udpPort, List.of()),
                    LinkSpec.ofPeers("link1", LinkSpec.Transport.TCP, TestCluster.HOST, taken.getLocalPort(),
                            List.of())));
            IOException e = assertThrows(IOException.class, () -> node.start(new RecordingListener()));
            assertTrue(e.getMessage().startsWith("link 'link1': cannot connect TCP on 127.0.0.1:"
                    + taken.getLocalPort()), e.getMessage());
            new DatagramSocket(udpPort, host).close(); // link0, already connected, was closed again
            assertEquals(List.of("a"), node.view().members());
            node.close();
            assertThrows(IllegalStateException.class, () -> node.start(new RecordingListener()));
        }
    }

    private void awaitFullView(List<String> members) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String name : members) {
                RecordingListener listener = cluster.listener(name);
                MembershipView view = listener.lastView();
                assertEquals(members, view == null ? null : view.members(), "members at " + name);
                for (String link : List.of("link0", "link1")) {
                    assertEquals(new LinkStatus(link, true, members), listener.link(link), "at " + name);
                }
                assertEquals(view, cluster.node(name).view());
            }
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String what, long startedNanos) {
        System.out.printf("TIMING %s: %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
