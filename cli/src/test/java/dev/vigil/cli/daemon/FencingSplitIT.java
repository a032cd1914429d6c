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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A symmetric split of a two-node pair: the one link between two network namespaces is cut, each
 * node sees the other lost and wants it fenced through the real {@code fence_dummy}. The priority
 * delay lets exactly one shot land: the node running the resource survives. Needs root.
 */
class FencingSplitIT {
    private static final List<String> PAIR = FencingIT.PAIR;

    private NamespacePair net;
    private DaemonHarness h;
    private PowerSwitch power;

    @BeforeEach
    void pair() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/fence_dummy")),
                "needs fence_dummy (Debian package fence-agents)");
        net = NamespacePair.create(1);
        h = new DaemonHarness(PAIR, 1, net);
        power = new PowerSwitch(h, PAIR);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (power != null) {
            power.close();
        }
        if (h != null) {
            h.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aSymmetricSplitFencesExactlyOneNodeAndTheResourceKeepsRunning() throws Exception {
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        h.modify("node1", FencingIT.config(FencingIT.dummy("fence-node1", "node1", power.file("node1"), "")
                + FencingIT.dummy("fence-node2", "node2", power.file("node2"), ""), ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", "web") ^ h.running("node2", "web"));
        await().atMost(Duration.ofSeconds(10)).until(() -> h.formed(PAIR));
        String active = h.running("node1", "web") ? "node1" : "node2";
        String idle = active.equals("node1") ? "node2" : "node1";

        net.setLink("node1", 0, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> power.wasCut(idle));
        // Long past the 5 s the idle node would have waited before shooting: only one shot landed.
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> !power.wasCut(active));
        assertEquals("on", power.state(active));
        assertTrue(h.running(active, "web"), "the resource never stopped on " + active);
        assertFalse(h.running(idle, "web"));
        JsonNode history = new ObjectMapper().readTree(h.vigil(active, "stonith", "history", "--json").out());
        assertEquals(1, history.size(), history.toString());
        assertEquals(idle, history.get(0).get("target").asText());
        // The idle node may not even have noticed the split before it was cut off; if it had, it held back.
        for (String line : h.log(idle).lines().filter(l -> l.contains("TransitionRunner: transition")
                && l.contains("fencing " + active + " (off)")).toList()) {
            assertTrue(line.contains("in 5000 ms"), "the idle node held back its shot: " + line);
        }
    }
}
