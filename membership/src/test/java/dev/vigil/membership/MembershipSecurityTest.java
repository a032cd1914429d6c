package dev.vigil.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.MembershipView;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster key keeps other nodes and forged packets out. */
class MembershipSecurityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final byte[] KEY = TestCluster.key(7);
    private static final byte[] OTHER_KEY = TestCluster.key(8);

    private TestCluster cluster;

    @AfterEach
    void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nodeWithAnotherKeyNeitherJoinsNorGetsAnythingDelivered() {
        cluster = TestCluster.configure(KEY, "a", "b", "intruder").withKey("intruder", OTHER_KEY).startAll();
        JGroupsMembership a = cluster.node("a");
        JGroupsMembership b = cluster.node("b");
        // the intruder keeps trying (discovery, merge) on both links; wait until both nodes have
        // rejected several of its packets and a few merge rounds have passed
        await().atMost(TIMEOUT).until(() -> a.authenticationFailures() >= 10 && b.authenticationFailures() >= 10
                && cluster.listener("a").members().equals(List.of("a", "b"))
                && cluster.listener("b").members().equals(List.of("a", "b")));
        cluster.node("intruder").broadcast(bytes("let me in"));
        a.send("b", bytes("still private"));
        await().atMost(TIMEOUT).until(() -> cluster.listener("b").messages.size() == 1);

        for (String name : List.of("a", "b")) {
            for (MembershipView view : cluster.listener(name).views) {
                assertTrue(!view.contains("intruder"), name + " saw the intruder: " + view);
            }
        }
        assertEquals(List.of(new RecordingListener.Received("a", "still private")), cluster.listener("b").messages);
        assertTrue(cluster.listener("a").messages.isEmpty());
        for (MembershipView view : cluster.listener("intruder").views) {
            assertEquals(List.of("intruder"), view.members(), "the intruder saw a member");
        }
        assertTrue(cluster.listener("intruder").messages.isEmpty());
    }

    @Test
    void forgedAndTamperedPacketsAreDroppedAndTheNodeKeepsWorking() throws Exception {
        try (DatagramSocket spy = new DatagramSocket(0, InetAddress.getByName(TestCluster.HOST))) {
            spy.setSoTimeout((int) TIMEOUT.toMillis());
            InetSocketAddress spyAddress = new InetSocketAddress(TestCluster.HOST, spy.getLocalPort());
            cluster = TestCluster.configure(KEY, List.of(spyAddress), "a", "b").startAll();
            await().atMost(TIMEOUT).until(() -> cluster.listener("b").members().equals(List.of("a", "b")));

            // a real sealed packet: a's discovery traffic also goes to the spy, a static peer; its
            // destination (outside the seal) is rewritten to b so that b does not ignore it as misrouted
            int aPort = cluster.configs.get("a").link("link0").bindPort();
            DatagramPacket captured = new DatagramPacket(new byte[65_536], 65_536);
            do {
                spy.receive(captured);
            } while (captured.getPort() != aPort);
            int bPort = cluster.configs.get("b").link("link0").bindPort();
            byte[] original = retarget(Arrays.copyOf(captured.getData(), captured.getLength()),
                    spy.getLocalPort(), bPort);
            InetSocketAddress bLink0 = new InetSocketAddress(TestCluster.HOST, bPort);
            JGroupsMembership b = cluster.node("b");
            long failuresBefore = b.authenticationFailures();

            Random random = new Random(42);
            byte[] garbage = new byte[300];
            random.nextBytes(garbage);
            send(spy, garbage, bLink0);
            byte[] garbageWithHeader = garbage.clone();
            System.arraycopy(original, 0, garbageWithHeader, 0, 3); // JGroups version and flags
            send(spy, garbageWithHeader, bLink0);
            send(spy, original, bLink0); // a plain replay is authentic and harmless
            for (int position : List.of(original.length - 1, original.length - 20, original.length / 2)) {
                byte[] tampered = original.clone();
                tampered[position] ^= 0x5a;
                send(spy, tampered, bLink0);
            }

            await().atMost(TIMEOUT).until(() -> b.authenticationFailures() >= failuresBefore + 2);
            cluster.node("a").broadcast(bytes("after the attack"));
            await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(
                    List.of(new RecordingListener.Received("a", "after the attack")), cluster.listener("b").messages));
            assertEquals(List.of("a", "b"), b.view().members());
        }
    }

    /** Replaces the port of the first serialized 127.0.0.1 address with port {@code from} by {@code to}. */
    private static byte[] retarget(byte[] packet, int from, int to) {
        byte[] pattern = {127, 0, 0, 1, (byte) (from >>> 8), (byte) from};
        for (int i = 0; i + pattern.length <= packet.length; i++) {
            if (Arrays.equals(packet, i, i + pattern.length, pattern, 0, pattern.length)) {
                packet[i + 4] = (byte) (to >>> 8);
                packet[i + 5] = (byte) to;
                return packet;
            }
        }
        throw new AssertionError("no address with port " + from + " in the captured packet");
    }

    private static void send(DatagramSocket socket, byte[] bytes, InetSocketAddress to) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
