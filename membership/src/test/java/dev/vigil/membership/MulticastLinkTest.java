package dev.vigil.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A link with IP multicast discovery (Heartbeat's {@code mcast}), on loopback where the host allows it. */
class MulticastLinkTest {

    @Test
    void multicastLinkFormsAViewAndCarriesMessages() throws Exception {
        String group = "239.77.1.1";
        int port = TestCluster.freeUdpPort();
        assumeTrue(loopbackMulticastWorks(group, port), "IP multicast on loopback is not available here");
        byte[] key = TestCluster.key(3);
        try (JGroupsMembership a = node("a", key, group + ":" + port);
             JGroupsMembership b = node("b", key, group + ":" + port)) {
            RecordingListener atA = new RecordingListener();
            a.start(atA);
            b.start(new RecordingListener());
            await().atMost(Duration.ofSeconds(15)).until(() -> atA.members().equals(List.of("a", "b")));
            b.broadcast("over multicast".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(
                    () -> assertEquals(List.of("over multicast"), atA.textsFrom("b")));
        }
    }

    private static JGroupsMembership node(String name, byte[] key, String group) {
        return new JGroupsMembership(TestCluster.config(name, key,
                new LinkSpec("mcast0", LinkSpec.Transport.UDP, TestCluster.HOST, 0, List.of(), group)));
    }

    private static boolean loopbackMulticastWorks(String group, int port) {
        try (MulticastSocket socket = new MulticastSocket(port)) {
            InetAddress address = InetAddress.getByName(group);
            NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getByName(TestCluster.HOST));
            socket.setNetworkInterface(loopback);
            socket.joinGroup(new InetSocketAddress(address, port), loopback);
            socket.setSoTimeout(1_000);
            byte[] probe = {1, 2, 3};
            socket.send(new DatagramPacket(probe, probe.length, address, port));
            DatagramPacket received = new DatagramPacket(new byte[16], 16);
            socket.receive(received);
            return received.getLength() == probe.length;
        } catch (Exception e) {
            return false;
        }
    }
}
