package dev.vigil.membership;

import dev.vigil.core.port.MembershipListener;
import dev.vigil.core.port.MembershipView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One membership node in a JVM of its own, so a test can {@code kill -9} it: a real crash, sockets
 * closed by the kernel, no leave. Runs until killed or until its standard input ends (the test
 * JVM went away). Arguments: {@code NAME KEY_SEED KEEPALIVE_MS DEADTIME_MS LINK0_PORT LINK1_PORT
 * LINK0_PEER_PORTS LINK1_PEER_PORTS}, the peer ports comma-separated, everything on 127.0.0.1,
 * link0 UDP and link1 TCP as in {@link TestCluster}.
 */
final class MemberProcess {

    private MemberProcess() {
    }

    /** The arguments that start node {@code name} of {@code cluster} in a {@link MemberProcess}. */
    static List<String> arguments(TestCluster cluster, String name, int keySeed) {
        MembershipConfig c = cluster.configs.get(name);
        LinkSpec udp = c.link("link0");
        LinkSpec tcp = c.link("link1");
        return List.of(name, Integer.toString(keySeed), Long.toString(c.keepalive().toMillis()),
                Long.toString(c.deadtime().toMillis()), Integer.toString(udp.bindPort()),
                Integer.toString(tcp.bindPort()), ports(udp), ports(tcp));
    }

    private static String ports(LinkSpec link) {
        return String.join(",", link.peers().stream().map(p -> Integer.toString(p.getPort())).toList());
    }

    public static void main(String[] args) throws IOException {
        String name = args[0];
        MembershipConfig config = new MembershipConfig(name, TestCluster.CLUSTER, List.of(
                LinkSpec.ofPeers("link0", LinkSpec.Transport.UDP, TestCluster.HOST, Integer.parseInt(args[4]),
                        peers(args[6])),
                LinkSpec.ofPeers("link1", LinkSpec.Transport.TCP, TestCluster.HOST, Integer.parseInt(args[5]),
                        peers(args[7]))),
                Duration.ofMillis(Long.parseLong(args[2])), Duration.ofMillis(Long.parseLong(args[3])),
                TestCluster.key(Integer.parseInt(args[1])));
        JGroupsMembership node = new JGroupsMembership(config);
        node.start(new MembershipListener() {
            @Override
            public void viewChanged(MembershipView view) {
                System.out.println("view " + view.members());
            }

            @Override
            public void messageReceived(String fromNode, byte[] payload) {
            }
        });
        while (System.in.read() >= 0) {
            // wait for the end of input
        }
        node.close();
        System.exit(0);
    }

    private static List<InetSocketAddress> peers(String ports) {
        return Arrays.stream(ports.split(",")).map(p -> new InetSocketAddress(TestCluster.HOST, Integer.parseInt(p)))
                .toList();
    }
}
