package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fencing with real daemons and Debian's real {@code /usr/sbin/fence_dummy}. Each node has a
 * "power switch": the file fence_dummy writes {@code off} into; a {@link PowerSwitch} kills the
 * node's daemon when it reads {@code off}, as cutting the power would.
 */
class FencingIT {
    static final List<String> PAIR = List.of("node1", "node2");

    private DaemonHarness h;
    private PowerSwitch power;

    @BeforeEach
    void pair() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")),
                "needs fence_dummy (Debian package fence-agents)");
        h = DaemonHarness.loopback(PAIR, 1);
        power = new PowerSwitch(h, PAIR);
    }

    @AfterEach
    void stop() throws Exception {
        if (power != null) {
            power.close();
        }
        if (h != null) {
            h.close();
        }
    }

    private String start(String config) throws Exception {
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        h.modify("node1", config);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", "web") ^ h.running("node2", "web"));
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));
        return h.running("node1", "web") ? "node1" : "node2";
    }

    private static String other(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    @Test
    void aKilledNodeIsFencedBeforeItsResourceStartsElsewhere() throws Exception {
        String active = start(config(dummy("fence-node1", "node1", power.file("node1"), "")
                + dummy("fence-node2", "node2", power.file("node2"), ""), ""));
        String survivor = other(active);

        h.kill(active);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(survivor, "web"));
        Instant started = Files.getLastModifiedTime(h.home(survivor).resolve("rsc").resolve("Dummy-web.state"))
                .toInstant();

        assertEquals("off", power.state(active), "fence_dummy switched " + active + " off");
        JsonNode event = single(history(survivor), active);
        assertEquals("SUCCESS", event.get("status").asText());
        assertEquals("fence-" + active, event.get("devices").get(0).asText());
        assertEquals(survivor, event.get("executioner").asText());
        Instant fenced = Instant.parse(event.get("finished").asText());
        assertFalse(started.isBefore(fenced), "web started on " + survivor + " at " + started
                + ", before " + active + " was fenced at " + fenced);
        String log = h.log(survivor);
        assertTrue(log.indexOf("node " + active + " fenced") < log.indexOf("web start on " + survivor), log);
        String text = h.vigil(survivor, "stonith", "history").out();
        assertTrue(text.contains("off of " + active + " successful"), text);

        // The fenced node comes back: it joins, learns the history, and the resource stays put.
        power.on(active);
        h.start(active);
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        await().atMost(Duration.ofSeconds(10)).until(() -> history(active).size() == 1);
        assertTrue(h.running(survivor, "web"));
    }

    @Test
    void aFailingFirstLevelFallsThroughToTheSecond() throws Exception {
        String devices = "";
        for (String n : PAIR) {
            devices += dummy("broken-" + n, n, power.file(n), ("<nvpair id=\"broken-%s-type\" name=\"type\" "
                    + "value=\"fail\"/><nvpair id=\"broken-%s-wait\" name=\"power_timeout\" value=\"1\"/>"
                    + "<nvpair id=\"broken-%s-retries\" name=\"pcmk_off_retries\" value=\"0\"/>").formatted(n, n, n));
            devices += dummy("fence-" + n, n, power.file(n), "");
        }
        String topology = "<fencing-topology>"
                + "<fencing-level id=\"l1-node1\" target=\"node1\" index=\"1\" devices=\"broken-node1\"/>"
                + "<fencing-level id=\"l2-node1\" target=\"node1\" index=\"2\" devices=\"fence-node1\"/>"
                + "<fencing-level id=\"l1-node2\" target=\"node2\" index=\"1\" devices=\"broken-node2\"/>"
                + "<fencing-level id=\"l2-node2\" target=\"node2\" index=\"2\" devices=\"fence-node2\"/>"
                + "</fencing-topology>";
        String active = start(config(devices, topology));
        String survivor = other(active);

        h.kill(active);
        await().atMost(Duration.ofSeconds(40)).until(() -> h.running(survivor, "web"));
        JsonNode event = single(history(survivor), active);
        assertEquals("SUCCESS", event.get("status").asText());
        assertEquals(2, event.get("level").asInt(), event.toString());
        assertEquals("fence-" + active, event.get("devices").get(0).asText());
        assertEquals("off", power.state(active));
    }

    @Test
    void aFencingTimeoutIsReportedAndRetriedAndRecoveryWaitsForIt() throws Exception {
        // Every call sleeps 1 to 3 s; off may take only 1 s: each attempt times out.
        String slow = "<nvpair id=\"%s-sleep\" name=\"random_sleep_range\" value=\"3\"/>"
                + "<nvpair id=\"%s-tmo\" name=\"pcmk_off_timeout\" value=\"1s\"/>";
        String active = start(config(dummy("fence-node1", "node1", power.file("node1"),
                slow.formatted("fence-node1", "fence-node1"))
                + dummy("fence-node2", "node2", power.file("node2"), slow.formatted("fence-node2", "fence-node2")),
                ""));
        String survivor = other(active);

        h.kill(active);
        await().atMost(Duration.ofSeconds(60)).until(() -> failures(history(survivor), active) >= 2);
        assertFalse(h.running(survivor, "web"), "nothing is recovered while fencing fails");
        JsonNode failed = history(survivor).get(0);
        assertTrue(failed.get("error").asText().contains("timed out"), failed.toString());
        assertTrue(h.log(survivor).contains("fencing " + active + " failed"), "the failure is logged");
        assertTrue(h.log(survivor).contains("retrying in 5 s"));
        String text = h.vigil(survivor, "stonith", "history").out();
        assertTrue(text.contains("off of " + active + " failed"), text);

        // The operator powers it off by hand and says so: recovery goes on.
        assertEquals(0, h.vigil(survivor, "stonith", "confirm", active).exit());
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(survivor, "web"));
    }

    @Test
    void manualFencingWaitsForTheOperatorsConfirmation() throws Exception {
        String manual = "<primitive id=\"fence-manual\" class=\"stonith\" type=\"manual\">"
                + "<instance_attributes id=\"fence-manual-ia\">"
                + "<nvpair id=\"fence-manual-hosts\" name=\"pcmk_host_list\" value=\"node1 node2\"/>"
                + "</instance_attributes></primitive>";
        String active = start(config(manual, ""));
        String survivor = other(active);

        DaemonHarness.Cli refused = h.vigil(survivor, "stonith", "confirm", active);
        assertEquals(1, refused.exit(), "a member cannot be confirmed down");
        assertTrue(refused.err().contains("is a member"), refused.err());

        h.kill(active);
        await().atMost(Duration.ofSeconds(20)).until(() -> h.log(survivor).contains("transition")
                && h.log(survivor).contains("fencing " + active));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !h.running(survivor, "web"));

        DaemonHarness.Cli ok = h.vigil(survivor, "stonith", "confirm", active);
        assertEquals(0, ok.exit(), ok.err());
        await().atMost(Duration.ofSeconds(20)).until(() -> h.running(survivor, "web"));
        JsonNode event = single(history(survivor), active);
        assertEquals("SUCCESS", event.get("status").asText());
        assertEquals("fence-manual", event.get("devices").get(0).asText());
    }

    @Test
    void anOperatorFencesANodeAndItsResourceMoves() throws Exception {
        start(config(dummy("fence-node1", "node1", power.file("node1"), "")
                + dummy("fence-node2", "node2", power.file("node2"), ""), ""));
        assertEquals(0, h.vigil("node1", "resource", "move", "web", "node2").exit());
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node2", "web") && !h.running("node1", "web"));

        DaemonHarness.Cli unknown = h.vigil("node2", "stonith", "fence", "node9");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("unknown node 'node9'"), unknown.err());

        DaemonHarness.Cli self = h.vigil("node1", "stonith", "fence", "node1");
        assertEquals(1, self.exit());
        assertTrue(self.err().contains("is the DC"), self.err());

        DaemonHarness.Cli r = h.vigil("node1", "stonith", "fence", "node2", "--off");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("node node2 fenced (off)"), r.out());
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", "web"));
        assertEquals("off", power.state("node2"));
        assertEquals("on", power.state("node1"));
        JsonNode event = single(history("node1"), "node2");
        assertEquals("node1", event.get("origin").asText());
        assertEquals("node1", event.get("executioner").asText());
    }

    // ---- helpers ----

    private JsonNode history(String node) {
        DaemonHarness.Cli r = h.vigil(node, "stonith", "history", "--json");
        if (r.exit() != 0) {
            return new ObjectMapper().createArrayNode();
        }
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.out(), e);
        }
    }

    private static JsonNode single(JsonNode history, String target) {
        List<JsonNode> of = new ArrayList<>();
        history.forEach(e -> {
            if (e.get("target").asText().equals(target)) {
                of.add(e);
            }
        });
        assertEquals(1, of.size(), "one fencing of " + target + ": " + history);
        return of.get(0);
    }

    private static int failures(JsonNode history, String target) {
        int n = 0;
        for (JsonNode e : history) {
            if (e.get("target").asText().equals(target) && !e.get("status").asText().equals("SUCCESS")) {
                n++;
            }
        }
        return n;
    }

    static String dummy(String id, String target, Path powerFile, String extra) {
        return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"fence_dummy\">"
                + "<instance_attributes id=\"" + id + "-ia\">"
                + "<nvpair id=\"" + id + "-file\" name=\"status_file\" value=\"" + powerFile + "\"/>"
                + "<nvpair id=\"" + id + "-hosts\" name=\"pcmk_host_list\" value=\"" + target + "\"/>"
                + extra + "</instance_attributes>"
                + "<operations><op id=\"" + id + "-mon\" name=\"monitor\" interval=\"60s\"/></operations>"
                + "</primitive>";
    }

    static String config(String devices, String topology) {
        return """
                <configuration>
                  <crm_config><cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="opt-action" name="stonith-action" value="off"/>
                  </cluster_property_set></crm_config>
                  <resources>
                    %s
                    <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                      <meta_attributes id="web-meta"><nvpair id="web-stick" name="resource-stickiness" value="100"/>
                      </meta_attributes>
                      <operations><op id="web-mon" name="monitor" interval="2s" timeout="20s"/></operations>
                    </primitive>
                  </resources>
                  %s
                </configuration>
                """.formatted(devices, topology);
    }
}
