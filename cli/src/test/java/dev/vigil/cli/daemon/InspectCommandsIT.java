package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only commands a script runs against a live pair: {@code status --output-as json},
 * {@code explain}, {@code resource locate|failcount} after a monitor failure, {@code node list}.
 */
class InspectCommandsIT {
    private static final String CONFIG = """
            <configuration>
              <crm_config><cluster_property_set id="cib-bootstrap-options">
                <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
              </cluster_property_set></crm_config>
              <resources>
                <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                  <meta_attributes id="web-meta"><nvpair id="web-stick" name="resource-stickiness" value="100"/>
                    <nvpair id="web-mt" name="migration-threshold" value="3"/>
                  </meta_attributes>
                  <operations><op id="web-mon" name="monitor" interval="1s" timeout="20s"/></operations>
                </primitive>
              </resources>
              <constraints>
                <rsc_location id="web-prefers-node2" rsc="web" node="node2" score="50"/>
              </constraints>
            </configuration>
            """;
    private static final List<String> PAIR = List.of("node1", "node2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DaemonHarness h;

    @AfterEach
    void stopAll() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aScriptReadsStatusAsJsonAndExplainsThePlacement() throws Exception {
        h = DaemonHarness.loopback(PAIR, 1);
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        h.modify("node1", CONFIG);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node2", "web"));

        // status --output-as json: nodes and resources, next to the daemon's own fields
        await().atMost(Duration.ofSeconds(10)).until(() -> webRunsOn("node2"));
        JsonNode status = JSON.readTree(ok(h.vigil("node1", "status", "--output-as", "json")));
        List<String> nodes = new ArrayList<>();
        for (JsonNode n : status.get("nodes")) {
            assertTrue(n.get("online").asBoolean() && n.get("member").asBoolean(), n.toString());
            nodes.add(n.get("name").asText() + (n.get("dc").asBoolean() ? "*" : ""));
        }
        nodes.sort(null);
        assertEquals(List.of("node1*", "node2"), nodes, "in configuration order, the DC marked");
        assertEquals("node1", status.get("dc").asText());
        assertEquals(2, status.get("members").size());
        assertTrue(status.get("cib").asText().contains("web-prefers-node2"));

        // explain: the location constraint and the stickiness on node2, and what would move it
        String explain = ok(h.vigil("node2", "explain", "web"));
        assertTrue(explain.startsWith("web (ocf:heartbeat:Dummy): Started on node2; stays on node2\n"), explain);
        assertTrue(explain.contains("  * node2: 150  <- chosen\n"), explain);
        assertTrue(explain.contains("+50         location constraint 'web-prefers-node2' (web 50 on node2)"), explain);
        assertTrue(explain.contains("+100        resource-stickiness=100 of web, which is running here"), explain);
        assertTrue(explain.contains("to node1: a location score of more than 150 for web on node1"), explain);
        JsonNode scores = JSON.readTree(ok(h.vigil("node2", "explain", "web", "--output-as", "json"))).get("scores");
        for (JsonNode s : scores) {
            assertEquals(s.get("score").asText(), s.get("itemised").asText(), "adds up on " + s.get("node"));
        }

        assertEquals("resource web is running on: node2\n", ok(h.vigil("node1", "resource", "locate", "web")));
        String nodeList = ok(h.vigil("node1", "node", "list"));
        List<String> lines = new ArrayList<>(nodeList.lines().toList());
        lines.sort(null);
        assertEquals(2, lines.size(), nodeList);
        assertTrue(lines.get(0).matches("node1 \\(id [^)]+\\): online, DC, 0 resource instances active"), nodeList);
        assertTrue(lines.get(1).matches("node2 \\(id [^)]+\\): online, 1 resource instance active"), nodeList);

        // The service dies behind the cluster's back: the monitor fails, the fail count shows it.
        Files.delete(h.home("node2").resolve("rsc").resolve("Dummy-web.state"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(h.vigil("node1", "resource", "failcount", "web",
                "node2")).contains("  * node2: 1 (monitor_1000: 1)"));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node2", "web"));
        String after = ok(h.vigil("node1", "explain", "web"));
        assertTrue(after.contains("note: fail count 1 of web here; migration-threshold=3 (2 more and it is banned "
                + "from node2)"), after);
        JsonNode failed = JSON.readTree(ok(h.vigil("node1", "status", "--output-as", "json")));
        JsonNode count = failed.get("fail_counts").get(0);
        assertEquals("node2 web 1", count.get("node").asText() + " " + count.get("resource").asText() + " "
                + count.get("count").asInt(), failed.toString());
    }

    private boolean webRunsOn(String node) throws Exception {
        JsonNode s = JSON.readTree(ok(h.vigil("node1", "status", "--output-as", "json")));
        JsonNode web = s.get("resources").get(0);
        return web.get("nodes").toString().equals("[\"" + node + "\"]") && !web.get("failed").asBoolean();
    }

    private static String ok(DaemonHarness.Cli r) {
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }
}
