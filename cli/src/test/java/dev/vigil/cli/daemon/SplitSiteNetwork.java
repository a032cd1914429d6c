package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two sites and a third place for the quorum server, each a network namespace: {@code node1} at site
 * A, {@code node2} at site B, the quorum server at Q. Three veth pairs: the inter-site link (the
 * cluster's one link: node1 10.214.0.1, node2 10.214.0.2), A–Q (node1 10.214.1.1, server 10.214.1.3)
 * and B–Q (node2 10.214.2.2, server 10.214.2.3). Each site reaches the server on its own link, so the
 * inter-site link can be cut while both still reach the server. Needs root ({@link #create} skips the
 * test otherwise).
 */
final class SplitSiteNetwork implements DaemonHarness.Network, AutoCloseable {
    /** The quorum server's address as seen from each site. */
    static final Map<String, String> SERVER_ADDRESS = Map.of("node1", "10.214.1.3", "node2", "10.214.2.3");

    private final String tag = "q" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final Map<String, String> namespaces = Map.of("node1", tag + "a", "node2", tag + "b", "quorum", tag + "q");

    private SplitSiteNetwork() {
    }

    /** Creates the namespaces and links and waits for carrier; skips the calling test without root. */
    static SplitSiteNetwork create() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        SplitSiteNetwork n = new SplitSiteNetwork();
        assumeTrue(NamespacePair.run("ip", "netns", "add", n.namespaces.get("node1")) == 0,
                "ip netns is not available");
        NamespacePair.sh("ip", "netns", "add", n.namespaces.get("node2"));
        NamespacePair.sh("ip", "netns", "add", n.namespaces.get("quorum"));
        for (String ns : n.namespaces.values()) {
            NamespacePair.sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        n.veth("node1", "10.214.0.1", "node2", "10.214.0.2", "s");
        n.veth("node1", "10.214.1.1", "quorum", "10.214.1.3", "a");
        n.veth("node2", "10.214.2.2", "quorum", "10.214.2.3", "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> n.hasCarrier("node1", n.ifname("node1", "s"))
                && n.hasCarrier("node2", n.ifname("node2", "s")) && n.hasCarrier("quorum", n.ifname("quorum", "a"))
                && n.hasCarrier("quorum", n.ifname("quorum", "b")));
        return n;
    }

    private String ifname(String end, String link) {
        return tag + link + end.charAt(end.length() - 1);
    }

    private void veth(String a, String addrA, String b, String addrB, String link) throws Exception {
        String ia = ifname(a, link);
        String ib = ifname(b, link);
        NamespacePair.sh("ip", "link", "add", ia, "netns", namespaces.get(a), "type", "veth", "peer", "name", ib,
                "netns", namespaces.get(b));
        NamespacePair.sh("ip", "-n", namespaces.get(a), "addr", "add", addrA + "/24", "dev", ia);
        NamespacePair.sh("ip", "-n", namespaces.get(b), "addr", "add", addrB + "/24", "dev", ib);
        NamespacePair.sh("ip", "-n", namespaces.get(a), "link", "set", ia, "up");
        NamespacePair.sh("ip", "-n", namespaces.get(b), "link", "set", ib, "up");
    }

    @Override
    public String address(String node, int link) {
        return node.equals("node1") ? "10.214.0.1" : "10.214.0.2";
    }

    @Override
    public List<String> prefix(String node) {
        return List.of("ip", "netns", "exec", namespaces.get(node));
    }

    /** Runs a command in the quorum server's namespace. */
    List<String> serverPrefix() {
        return prefix("quorum");
    }

    /** Cuts (or restores) the link between the sites, at site A's end. */
    void setInterSiteLink(boolean up) throws IOException, InterruptedException {
        NamespacePair.sh("ip", "-n", namespaces.get("node1"), "link", "set", ifname("node1", "s"), up ? "up" : "down");
    }

    private boolean hasCarrier(String end, String ifname) throws IOException, InterruptedException {
        return NamespacePair.hasCarrier(namespaces.get(end), ifname);
    }

    @Override
    public void close() throws Exception {
        for (String ns : namespaces.values()) {
            NamespacePair.run("ip", "netns", "del", ns);
        }
    }
}
