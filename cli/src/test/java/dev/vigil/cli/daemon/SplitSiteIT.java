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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A cluster split across two sites, one node each, with {@code vigil-quorumd} at a third place: three
 * network namespaces ({@link SplitSiteNetwork}), every daemon and the server its own process. Fencing
 * is watchdog fencing (the side with quorum waits out {@code stonith-watchdog-timeout}; the side
 * without stops its resources meanwhile, by {@code no-quorum-policy=stop}). Needs root.
 */
class SplitSiteIT {
    private static final List<String> PAIR = List.of("node1", "node2");

    private SplitSiteNetwork net;
    private DaemonHarness h;
    private QuorumServerProcess server;

    @AfterEach
    void cleanUp() throws Exception {
        if (h != null) {
            h.close();
        }
        if (server != null) {
            server.close();
        }
        if (net != null) {
            net.close();
        }
    }

    /** Both sites and the server are up, the cluster formed with 3 of 3 votes, web runs on {@code home}. */
    private void splitSiteCluster(String home, int serverWait) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/lib/ocf/resource.d/heartbeat/Dummy")),
                "needs ocf:heartbeat:Dummy (Debian package resource-agents)");
        net = SplitSiteNetwork.create();
        h = new DaemonHarness(PAIR, 1, net);
        Path certs = QuorumServerProcess.certificates(h.dir().resolve("certs"), "itest", PAIR,
                List.copyOf(new java.util.TreeSet<>(SplitSiteNetwork.SERVER_ADDRESS.values())));
        server = new QuorumServerProcess(h.dir(), certs, net.serverPrefix(), "0.0.0.0:5403");
        server.start();
        h.extraConfig(n -> "node node1 node2\nquorum_server_wait " + serverWait + "\n"
                + QuorumServerProcess.haCf(certs, "itest", n, SplitSiteNetwork.SERVER_ADDRESS.get(n)));
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));
        h.modify("node1", config(home));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(home, "web") && !h.running(other(home), "web"));
        await().atMost(Duration.ofSeconds(20)).until(() -> votes("node1") == 3 && votes("node2") == 3);
    }

    @Test
    void cuttingTheInterSiteLinkLeavesExactlyOneSiteRunningAndARestartedServerNeverGrantsBoth() throws Exception {
        // web runs at site B; the server's tie-break (lowest node id) will favour site A
        splitSiteCluster("node2", 8);
        Watch watch = new Watch();
        watch.start();

        net.setInterSiteLink(false);
        await().atMost(Duration.ofSeconds(40)).until(() -> h.running("node1", "web") && !h.running("node2", "web"));
        assertTrue(quorate("node1"));
        assertFalse(quorate("node2"));
        String loser = h.log("node2");
        assertTrue(loser.contains("lost quorum: 1 of 3 votes (2 needed); no-quorum-policy=stop"), loser);
        assertTrue(loser.indexOf("lost quorum") < loser.indexOf("web stop on node2"), "node2 stopped web itself");
        String winner = h.log("node1");
        assertTrue(winner.contains("partition node1 has quorum (2 of 3 votes)"), winner);
        assertTrue(winner.indexOf("node node2 fenced") < winner.indexOf("web start on node1"), winner);
        assertFalse(loser.contains("fencing node1"), "the side without quorum fences nobody");
        watch.quorum.set(true); // both sides know of the split: from now on at most one may have quorum

        // The quorum server dies and comes back: it waits out the old leases before it grants again (to
        // the same side, when both reconnect within its first lease); at no moment do both sides have quorum.
        server.kill();
        server.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !hasServerVote("node1")); // the old lease ran out
        await().atMost(Duration.ofSeconds(30)).until(() -> hasServerVote("node1") || hasServerVote("node2"));
        String holder = hasServerVote("node1") ? "node1" : "node2";
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(holder, "web") && !h.running(other(holder),
                "web"));
        watch.stop();
        assertEquals(List.of(), watch.violations, "moments when two partitions had quorum or web ran twice");
        assertTrue(server.log().contains("no vote is granted during the first"), server.log());
        assertEquals("node1", holder, "the previous holder got the vote back: " + server.log());
    }

    @Test
    void stoppingTheServerChangesNothingButTheServerAndOneSiteDownStopTheOtherSite() throws Exception {
        splitSiteCluster("node1", 4);
        String version = h.cibVersion("node1");
        int[] transitions = {count(h.log("node1"), "transition "), count(h.log("node2"), "transition ")};

        server.kill();
        await().atMost(Duration.ofSeconds(15)).until(() -> !quorum("node1").path("server").path("connected")
                .asBoolean() && votes("node1") == 2 && votes("node2") == 2);
        // Well past the lease (1.5 s) and the client's timeout (3 s): still nothing happens.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> quorate("node1")
                && quorate("node2"));
        assertEquals(transitions[0], count(h.log("node1"), "transition "), h.log("node1"));
        assertEquals(transitions[1], count(h.log("node2"), "transition "), h.log("node2"));
        assertEquals(version, h.cibVersion("node1"), "the CIB did not change");
        assertTrue(h.running("node1", "web"));

        // Now site B goes down too: site A alone has 1 of 3 votes and stops its resources.
        h.kill("node2");
        await().atMost(Duration.ofSeconds(30)).until(() -> !h.running("node1", "web"));
        JsonNode q = quorum("node1");
        assertFalse(q.get("quorate").asBoolean(), q.toString());
        assertEquals(1, q.get("votes").asInt());
        String log = h.log("node1");
        assertTrue(log.contains("waits up to 4 s for the vote of the quorum server"), log);
        assertTrue(log.contains("lost quorum: 1 of 3 votes (2 needed); no-quorum-policy=stop"), log);
        DaemonHarness.Cli status = h.vigil("node1", "quorum", "status");
        assertEquals(1, status.exit(), "no quorum: " + status.out());
        assertTrue(h.vigil("node1", "status").out().contains("partition WITHOUT quorum"));
    }

    // ---- helpers ----

    /**
     * Polls both sites in the background and notes any moment when both run web or, once
     * {@link #quorum} is set, when two different partitions both have quorum.
     */
    private final class Watch {
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicBoolean quorum = new AtomicBoolean();
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    JsonNode q1 = quorum("node1");
                    JsonNode q2 = quorum("node2");
                    if (quorum.get() && q1.path("quorate").asBoolean() && q2.path("quorate").asBoolean()
                            && !q1.path("members").equals(q2.path("members"))) {
                        violations.add("two partitions with quorum: " + q1.path("summary") + " / "
                                + q2.path("summary"));
                    }
                    if (h.running("node1", "web") && h.running("node2", "web")) {
                        violations.add("web runs at both sites");
                    }
                }
            }, "split-site-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }
    }

    private JsonNode quorum(String node) {
        DaemonHarness.Cli r = h.vigil(node, "quorum", "status", "--output-as", "json");
        try {
            return new ObjectMapper().readTree(r.out().isBlank() ? "{}" : r.out());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.out(), e);
        }
    }

    /** Whether {@code node}'s partition holds a vote granted by the server it is connected to now. */
    private boolean hasServerVote(String node) {
        JsonNode s = quorum(node).path("server");
        return s.path("connected").asBoolean() && s.path("vote").asBoolean();
    }

    private boolean quorate(String node) {
        return quorum(node).path("quorate").asBoolean();
    }

    private int votes(String node) {
        return quorum(node).path("votes").asInt();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String other(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    /** Watchdog fencing (6 s), no priority delay (the quorum server decides who fences), web preferring {@code home}. */
    static String config(String home) {
        return """
                <configuration>
                  <crm_config><cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="opt-wd" name="stonith-watchdog-timeout" value="6s"/>
                    <nvpair id="opt-delay" name="priority-fencing-delay" value="0"/>
                  </cluster_property_set></crm_config>
                  <resources>
                    <primitive id="fence-watchdog" class="stonith" type="watchdog"/>
                    <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                      <meta_attributes id="web-meta"><nvpair id="web-stick" name="resource-stickiness" value="100"/>
                      </meta_attributes>
                      <operations><op id="web-mon" name="monitor" interval="2s" timeout="20s"/></operations>
                    </primitive>
                  </resources>
                  <constraints><rsc_location id="web-home" rsc="web" node="%s" score="50"/></constraints>
                </configuration>
                """.formatted(home);
    }
}
