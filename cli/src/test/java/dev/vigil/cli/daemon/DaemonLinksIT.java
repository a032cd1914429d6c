package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two daemons in two network namespaces joined by two veth pairs, one per link, so a link can be
 * cut as an admin would pull a cable. Needs root (CI runs as root); skipped otherwise.
 */
class DaemonLinksIT {
    private static final List<String> PAIR = List.of("node1", "node2");

    private final String tag = "v" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final Map<String, String> namespaces = Map.of("node1", tag + "a", "node2", tag + "b");
    private DaemonHarness h;

    @BeforeEach
    void namespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        assumeTrue(run("ip", "netns", "add", namespaces.get("node1")) == 0, "ip netns is not available");
        sh("ip", "netns", "add", namespaces.get("node2"));
        for (String ns : namespaces.values()) {
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        for (int link = 0; link < 2; link++) {
            String a = veth("a", link);
            String b = veth("b", link);
            sh("ip", "link", "add", a, "netns", namespaces.get("node1"), "type", "veth", "peer", "name", b,
                    "netns", namespaces.get("node2"));
            sh("ip", "-n", namespaces.get("node1"), "addr", "add", address("node1", link) + "/24", "dev", a);
            sh("ip", "-n", namespaces.get("node2"), "addr", "add", address("node2", link) + "/24", "dev", b);
            sh("ip", "-n", namespaces.get("node1"), "link", "set", a, "up");
            sh("ip", "-n", namespaces.get("node2"), "link", "set", b, "up");
        }
        // A veth end counts as up for the JVM (IFF_RUNNING) only once it has carrier.
        await().atMost(Duration.ofSeconds(10)).until(() -> hasCarrier("node1", veth("a", 0))
                && hasCarrier("node1", veth("a", 1)) && hasCarrier("node2", veth("b", 0))
                && hasCarrier("node2", veth("b", 1)));
        h = new DaemonHarness(PAIR, 2, new DaemonHarness.Network() {
            @Override
            public String address(String node, int link) {
                return DaemonLinksIT.address(node, link);
            }

            @Override
            public List<String> prefix(String node) {
                return List.of("ip", "netns", "exec", namespaces.get(node));
            }
        });
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (h != null) {
            h.close();
        }
        for (String ns : namespaces.values()) {
            run("ip", "netns", "del", ns);
        }
    }

    private boolean hasCarrier(String node, String dev) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-n", namespaces.get(node), "link", "show", "dev", dev)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.contains("LOWER_UP") && !out.contains("NO-CARRIER");
    }

    private String veth(String side, int link) {
        return tag + side + link;
    }

    private static String address(String node, int link) {
        return "10.213." + link + "." + (node.equals("node1") ? 1 : 2);
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        int rc = run(cmd);
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + rc);
        }
    }

    private boolean linkUp(String node, String link) {
        JsonNode s = h.status(node);
        if (s == null) {
            return false;
        }
        for (JsonNode l : s.get("links")) {
            if (l.get("name").asText().equals(link)) {
                return l.get("up").asBoolean();
            }
        }
        throw new AssertionError("status of " + node + " has no link " + link + ": " + s.get("links"));
    }

    private int starts() throws IOException {
        String logs = h.log("node1") + h.log("node2");
        int n = 0;
        for (int i = logs.indexOf("web start on "); i >= 0; i = logs.indexOf("web start on ", i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void cuttingOneOfTwoLinksCausesNoFailoverAndStatusShowsThatLinkDown() throws Exception {
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        await().atMost(Duration.ofSeconds(20)).until(() -> linkUp("node1", "ring0") && linkUp("node1", "ring1")
                && linkUp("node2", "ring0") && linkUp("node2", "ring1"));
        h.modify("node2", DaemonClusterIT.CONFIG);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", "web") ^ h.running("node2", "web"));
        String active = h.running("node1", "web") ? "node1" : "node2";
        String standby = active.equals("node1") ? "node2" : "node1";
        int startsBefore = starts();

        sh("ip", "-n", namespaces.get("node1"), "link", "set", veth("a", 1), "down");
        await().atMost(Duration.ofSeconds(20)).until(() -> !linkUp("node1", "ring1") && !linkUp("node2", "ring1"));
        // Well past deadtime (2 s): still one cluster, the resource untouched.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> h.members("node1").equals(PAIR) && h.members("node2").equals(PAIR));
        assertTrue(h.running(active, "web"));
        assertFalse(h.running(standby, "web"));
        assertEquals(startsBefore, starts(), "no resource was restarted or moved");
        assertTrue(linkUp("node1", "ring0") && linkUp("node2", "ring0"));
        for (String n : PAIR) {
            String text = h.vigil(n, "status").out();
            assertTrue(text.contains("Link ring1: DOWN"), text);
            assertTrue(text.contains("Link ring0: up"), text);
            assertTrue(h.log(n).contains("link 'ring1' down"), "the cut is logged on " + n);
        }

        sh("ip", "-n", namespaces.get("node1"), "link", "set", veth("a", 1), "up");
        await().atMost(Duration.ofSeconds(30)).until(() -> linkUp("node1", "ring1") && linkUp("node2", "ring1"));
        assertEquals(startsBefore, starts());
        List<String> lines = new ArrayList<>(h.log("node1").lines().filter(l -> l.contains("link 'ring1' up"))
                .toList());
        assertFalse(lines.isEmpty(), "the repair is logged");
    }
}
