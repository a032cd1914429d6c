package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two daemons in two network namespaces joined by two veth pairs, one per link, so a link can be
 * cut as an admin would pull a cable. Needs root (CI runs as root); skipped otherwise.
 */
class DaemonLinksIT {
    private static final List<String> PAIR = List.of("node1", "node2");

    private NamespacePair net;
    private DaemonHarness h;

    @BeforeEach
    void namespaces() throws Exception {
        net = NamespacePair.create(2);
        h = new DaemonHarness(PAIR, 2, net);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (h != null) {
            h.close();
        }
        if (net != null) {
            net.close();
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

        net.setLink("node1", 1, false);
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

        net.setLink("node1", 1, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> linkUp("node1", "ring1") && linkUp("node2", "ring1"));
        assertEquals(startsBefore, starts());
        List<String> lines = new ArrayList<>(h.log("node1").lines().filter(l -> l.contains("link 'ring1' up"))
                .toList());
        assertFalse(lines.isEmpty(), "the repair is logged");
    }
}
