package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real daemons as separate processes on loopback, each with its own ports, state directory and
 * control socket, running the real {@code ocf:heartbeat:Dummy} agent.
 */
class DaemonClusterIT {
    static final String CONFIG = """
            <configuration>
              <crm_config><cluster_property_set id="cib-bootstrap-options">
                <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
              </cluster_property_set></crm_config>
              <resources>
                <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                  <meta_attributes id="web-meta"><nvpair id="web-stick" name="resource-stickiness" value="100"/>
                  </meta_attributes>
                  <operations><op id="web-mon" name="monitor" interval="2s" timeout="20s"/></operations>
                </primitive>
              </resources>
            </configuration>
            """;
    private static final List<String> PAIR = List.of("node1", "node2");

    private DaemonHarness h;

    @AfterEach
    void stopAll() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private void startPair() throws Exception {
        h = DaemonHarness.loopback(PAIR, 1);
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
    }

    private String activeNode(String rsc) {
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", rsc) ^ h.running("node2", rsc));
        return h.running("node1", rsc) ? "node1" : "node2";
    }

    private static String other(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    @Test
    void aTwoNodePairFormsFailsOverAndKeepsTheResourceWhereItIsAfterRejoin() throws Exception {
        startPair();
        JsonNode s1 = h.status("node1");
        JsonNode s2 = h.status("node2");
        assertEquals("node1", s1.get("dc").asText());
        assertEquals("node1", s2.get("dc").asText());
        assertEquals(s1.get("cib_version").asText(), s2.get("cib_version").asText());

        h.modify("node2", CONFIG);
        String active = activeNode("web");
        String survivor = other(active);
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));

        h.kill(active);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(survivor, "web"));
        assertEquals(List.of(survivor), h.members(survivor));

        h.start(active);
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        assertTrue(h.running(survivor, "web"), "stickiness keeps the resource on " + survivor);
        assertFalse(h.running(active, "web"), "and it does not start twice");
        assertTrue(h.cib(active).contains("id=\"web\""));
    }

    @Test
    void aStoppedDaemonHandsItsResourceOverBeforeItLeaves() throws Exception {
        startPair();
        h.modify("node1", CONFIG);
        String active = activeNode("web");
        String other = other(active);
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));

        Process p = h.terminate(active);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(other, "web"));
        assertFalse(h.running(active, "web"), "stopped where it ran, not left running behind");
        await().atMost(Duration.ofSeconds(20)).until(() -> !p.isAlive());
        h.exited(active);
        String log = h.log(active);
        assertTrue(log.indexOf("web stop on " + active) < log.indexOf("leaving the cluster")
                || h.log(other).contains("web stop on " + active), log);
        assertEquals(List.of(other), h.members(other));
        assertTrue(h.log(other).contains("node " + active + " left the cluster after a clean shutdown"), h.log(other));
        assertFalse(h.log(other).contains("initdead"), "startup was over when both nodes had met");

        // Back again: it joins without taking the resource back (stickiness) and without a stale shutdown flag.
        h.start(active);
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        h.vigil(other, "resource", "move", "web", active);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(active, "web"));
    }

    @Test
    void aChangeThroughEitherNodeIsSeenByBothAndKillingTheDcMidStreamLosesNoAcknowledgedUpdate()
            throws Exception {
        startPair();
        h.modify("node1", CONFIG);
        h.modify("node2", property("through-node2", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));
        for (String n : PAIR) {
            assertTrue(h.cib(n).contains("id=\"web\""), n + " sees the change made through node1");
            assertTrue(h.cib(n).contains("through-node2"), n + " sees the change made through node2");
        }

        // A client streams updates through node2 (the DC, node1, applies them); node1 is killed mid-stream.
        List<Integer> acknowledged = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread client = new Thread(() -> {
            while (!stop.get()) {
                int k = next.incrementAndGet();
                try {
                    h.modify("node2", property("stream-" + k, k));
                    synchronized (acknowledged) {
                        acknowledged.add(k);
                    }
                } catch (Exception | AssertionError refused) {
                    // not acknowledged: may or may not be applied
                }
            }
        });
        client.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(acknowledged) >= 15);
        h.kill("node1");
        int atKill = count(acknowledged);
        // The stream goes on through node2, now the DC alone.
        await().atMost(Duration.ofSeconds(30)).until(() -> count(acknowledged) >= atKill + 10);
        stop.set(true);
        client.join(30_000);

        h.start("node1");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        List<Integer> acked;
        synchronized (acknowledged) {
            acked = List.copyOf(acknowledged);
        }
        for (String n : PAIR) {
            String cib = h.cib(n);
            List<Integer> lost = acked.stream().filter(k -> !cib.contains("id=\"stream-" + k + "\"")).toList();
            assertEquals(List.of(), lost, n + " lost acknowledged updates (of " + acked.size() + ")");
        }
    }

    private static int count(List<Integer> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private static String property(String id, int value) {
        return "<crm_config><cluster_property_set id=\"" + id + "\"><nvpair id=\"" + id + "-v\" name=\"" + id
                + "\" value=\"" + value + "\"/></cluster_property_set></crm_config>";
    }

    @Test
    void aCorruptedCibFileIsDetectedAtStartAndNotUsed() throws Exception {
        h = DaemonHarness.loopback(List.of("node1"), 1);
        h.start("node1");
        await().atMost(Duration.ofSeconds(30)).until(() -> h.members("node1").equals(List.of("node1")));
        h.modify("node1", CONFIG);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", "web"));
        h.kill("node1");

        Path cib = h.cibFile("node1");
        String good = Files.readString(cib);
        // A flipped digit in the configuration: still well-formed XML, but not what was written.
        Files.writeString(cib, good.replace("value=\"100\"", "value=\"900\""));

        h.start("node1");
        await().atMost(Duration.ofSeconds(30)).until(() -> h.status("node1") != null);
        String log = h.log("node1");
        assertTrue(log.contains("cib.xml"), log);
        try (Stream<Path> files = Files.list(cib.getParent())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("cib.xml.corrupt")),
                    "the damaged file is kept aside for inspection");
        }
        String running = h.cib("node1");
        assertTrue(running.contains("id=\"web\""), "the newest good copy is used");
        assertFalse(running.contains("value=\"900\""), "the tampered value is not used");
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", "web"));
    }

    @Test
    void aDaemonWithAnotherKeyCannotJoinAndForgedPacketsAreDropped() throws Exception {
        List<String> all = List.of("node1", "node2", "intruder");
        h = DaemonHarness.loopback(all, 1);
        Path other = h.authkeys("other", "other-secret-" + System.nanoTime());
        h.start("node1");
        h.start("node2");
        h.start("intruder", other);
        await().atMost(Duration.ofSeconds(40)).until(() -> h.members("node1").equals(PAIR)
                && h.members("intruder").size() == 1);
        h.modify("node1", CONFIG);
        String active = activeNode("web");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));
        String version = h.cibVersion("node1");
        int transitions = transitionsRun(active);

        // Garbage, truncated and bit-flipped datagrams of every size at both daemons' link ports.
        Random random = new Random(42);
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < 2_000; i++) {
                byte[] junk = new byte[1 + random.nextInt(i % 10 == 0 ? 60_000 : 300)];
                random.nextBytes(junk);
                for (String n : PAIR) {
                    s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), h.port(n, 0)));
                }
            }
        }
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(12))
                .until(() -> h.members("node1").equals(PAIR) && h.members("node2").equals(PAIR)
                        && h.members("intruder").equals(List.of("intruder")));
        assertTrue(h.alive("node1") && h.alive("node2"));
        assertTrue(h.running(active, "web") && !h.running(other(active), "web"));
        assertEquals(transitions, transitionsRun(active), "forged packets caused no transition");
        assertEquals(version.substring(0, version.lastIndexOf('.')),
                h.cibVersion("node1").substring(0, version.lastIndexOf('.')), "nor a configuration change");
        assertTrue(h.log("node1").contains("dropped"), "the drop is logged");
    }

    /** How many times resource web was started on {@code node}, from its daemon log. */
    private int transitionsRun(String node) throws Exception {
        Matcher m = Pattern.compile("web start on " + node + ":").matcher(h.log("node1") + h.log("node2"));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aFailingMonitorIsRecoveredInPlaceThenMovesAwayAfterMigrationThreshold() throws Exception {
        startPair();
        h.modify("node1", CONFIG.replace("<nvpair id=\"web-stick\"",
                        "<nvpair id=\"web-mt\" name=\"migration-threshold\" value=\"2\"/><nvpair id=\"web-stick\"")
                .replace("interval=\"2s\"", "interval=\"1s\""));
        String active = activeNode("web");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));

        // The service dies behind the cluster's back: the monitor finds it stopped.
        Files.delete(h.home(active).resolve("rsc").resolve("Dummy-web.state"));
        await().atMost(Duration.ofSeconds(30)).until(() -> failCount(active) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(active, "web"));
        assertFalse(h.running(other(active), "web"), "on-fail=restart recovers it where it was");
        DaemonHarness.Cli status = h.vigil("node1", "status");
        assertTrue(status.out().contains("web") && status.out().toLowerCase().contains("fail"), status.out());
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                h.vigil("node2", "status", "--output-as", "json").out());
        assertTrue(json.get("failed_actions").toString().contains("web"), "the failed monitor is listed until a "
                + "cleanup: " + json.get("failed_actions"));

        Files.delete(h.home(active).resolve("rsc").resolve("Dummy-web.state"));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(other(active), "web"));
        assertFalse(h.running(active, "web"), "after 2 failures it moved away");
        assertEquals(2, failCount(active));
    }

    private int failCount(String node) {
        Matcher m = Pattern.compile("<node_state[^>]*uname=\"" + node + "\".*?</node_state>", Pattern.DOTALL)
                .matcher(h.cib("node1"));
        if (!m.find()) {
            return 0;
        }
        Matcher f = Pattern.compile("name=\"fail-count-web#monitor_1000\"[^>]*value=\"(\\d+)\"").matcher(m.group());
        return f.find() ? Integer.parseInt(f.group(1)) : 0;
    }
}
