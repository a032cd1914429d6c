package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces, one per node of a pair, joined by one veth pair per link, so a link can
 * be cut as an admin would pull a cable. Needs root ({@link #create} skips the test otherwise).
 * Node {@code node1} has 10.213.LINK.1, {@code node2} 10.213.LINK.2.
 */
final class NamespacePair implements DaemonHarness.Network, AutoCloseable {
    private final String tag = "v" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final Map<String, String> namespaces = Map.of("node1", tag + "a", "node2", tag + "b");
    private final int links;

    private NamespacePair(int links) {
        this.links = links;
    }

    /** Creates the namespaces and links and waits for carrier; skips the calling test without root. */
    static NamespacePair create(int links) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        NamespacePair p = new NamespacePair(links);
        assumeTrue(run("ip", "netns", "add", p.namespaces.get("node1")) == 0, "ip netns is not available");
        sh("ip", "netns", "add", p.namespaces.get("node2"));
        for (String ns : p.namespaces.values()) {
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        for (int link = 0; link < links; link++) {
            String a = p.veth("node1", link);
            String b = p.veth("node2", link);
            sh("ip", "link", "add", a, "netns", p.namespaces.get("node1"), "type", "veth", "peer", "name", b,
                    "netns", p.namespaces.get("node2"));
            sh("ip", "-n", p.namespaces.get("node1"), "addr", "add", p.address("node1", link) + "/24", "dev", a);
            sh("ip", "-n", p.namespaces.get("node2"), "addr", "add", p.address("node2", link) + "/24", "dev", b);
            sh("ip", "-n", p.namespaces.get("node1"), "link", "set", a, "up");
            sh("ip", "-n", p.namespaces.get("node2"), "link", "set", b, "up");
        }
        // A veth end counts as up for the JVM (IFF_RUNNING) only once it has carrier.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (int link = 0; link < links; link++) {
                if (!p.hasCarrier("node1", link) || !p.hasCarrier("node2", link)) {
                    return false;
                }
            }
            return true;
        });
        return p;
    }

    @Override
    public String address(String node, int link) {
        return "10.213." + link + "." + (node.equals("node1") ? 1 : 2);
    }

    @Override
    public List<String> prefix(String node) {
        return List.of("ip", "netns", "exec", namespaces.get(node));
    }

    /** The interface of {@code node}'s end of {@code link}. */
    String veth(String node, int link) {
        return tag + (node.equals("node1") ? "a" : "b") + link;
    }

    /** Takes {@code node}'s end of {@code link} down (the cable is pulled) or up again. */
    void setLink(String node, int link, boolean up) throws IOException, InterruptedException {
        sh("ip", "-n", namespaces.get(node), "link", "set", veth(node, link), up ? "up" : "down");
    }

    private boolean hasCarrier(String node, int link) throws IOException, InterruptedException {
        return hasCarrier(namespaces.get(node), veth(node, link));
    }

    /** Whether interface {@code dev} in {@code namespace} is up with carrier (the JVM's IFF_RUNNING). */
    static boolean hasCarrier(String namespace, String dev) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-n", namespace, "link", "show", "dev", dev)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.contains("LOWER_UP") && !out.contains("NO-CARRIER");
    }

    @Override
    public void close() throws Exception {
        for (String ns : namespaces.values()) {
            run("ip", "netns", "del", ns);
        }
    }

    static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static void sh(String... cmd) throws IOException, InterruptedException {
        int rc = run(cmd);
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + rc);
        }
    }
}
