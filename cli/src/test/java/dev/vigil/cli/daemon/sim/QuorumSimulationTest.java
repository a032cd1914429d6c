package dev.vigil.cli.daemon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.document.CibPersistence;
import dev.vigil.cib.document.XmlCibDocument;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.controller.Controller;
import dev.vigil.core.controller.ControllerSettings;
import dev.vigil.core.controller.QuorumSettings;
import dev.vigil.core.controller.QuorumStatus;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.core.port.Fencer;
import dev.vigil.core.port.QuorumSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Quorum with real controllers in one JVM: votes and expected votes, two-node mode and
 * wait-for-all, a quorum server's vote (a {@link FakeQuorumServer}), no-quorum-policy and the
 * operator's override, on a network that can be split.
 */
class QuorumSimulationTest {
    private static final String CIB = """
            <cib epoch="5" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.10">
              <configuration>
                <crm_config><cluster_property_set id="opts">
                  <nvpair id="o1" name="stonith-enabled" value="%s"/>
                  <nvpair id="o2" name="no-quorum-policy" value="%s"/>
                </cluster_property_set></crm_config>
                <nodes/>
                <resources>
                  <primitive id="fence1" class="stonith" type="fence_dummy"/>
                  <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                    <meta_attributes id="web-meta">
                      <nvpair id="web-stick" name="resource-stickiness" value="100"/>
                    </meta_attributes>
                    <operations><op id="web-mon" name="monitor" interval="10s" timeout="20s"/></operations>
                  </primitive>
                </resources>
                <constraints/>
              </configuration>
              <status/>
            </cib>
            """;

    private final ManualScheduler clock = new ManualScheduler();
    private final SimNetwork network = new SimNetwork(clock);
    private final FakeQuorumServer server = new FakeQuorumServer();
    private final Map<String, Node> nodes = new TreeMap<>();
    private final RecordingFencer fencer = new RecordingFencer();

    private record Node(Controller controller, FakeAgents agents) {
    }

    /** Fences by recording "NODE ACTION by ORIGIN"; always succeeds. */
    private final class RecordingFencer implements Fencer {
        final List<String> fenced = new ArrayList<>();

        @Override
        public CompletableFuture<FenceResult> fence(FenceRequest request) {
            fenced.add(request.target() + " " + request.action().value());
            Instant now = clock.now();
            return CompletableFuture.completedFuture(new FenceResult(request, FenceResult.Status.SUCCESS, 0,
                    List.of("fence1"), "", now, now, List.of()));
        }

        @Override
        public boolean confirm(String node) {
            return false;
        }

        @Override
        public List<FenceResult> history() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static String cib(boolean fencing, String policy) {
        return CIB.formatted(fencing, policy);
    }

    private void start(String name, String cibXml, QuorumSettings quorum, QuorumSource source, List<String> expected)
            throws Exception {
        FakeAgents agents = new FakeAgents(clock);
        XmlCibDocument cib = new XmlCibDocument(XmlParser.parse(cibXml, name), CibPersistence.none(),
                Clock.fixed(clock.now(), ZoneOffset.UTC));
        ControllerSettings settings = ControllerSettings.of(name, "boot-" + name)
                .withStartupWait(Duration.ofSeconds(10), expected).withQuorum(quorum);
        Controller c = new Controller(settings, clock.loop(), network.join(name), agents, cib, fencer, source);
        c.start();
        nodes.put(name, new Node(c, agents));
    }

    /** Two sites of one node each and the quorum server; both nodes formed the cluster. */
    private void splitSitePair(boolean fencing) throws Exception {
        List<String> pair = List.of("node1", "node2");
        for (String n : pair) {
            start(n, cib(fencing, "stop"), QuorumSettings.defaults().withSourceWait(Duration.ofSeconds(5)),
                    server.source(n), pair);
        }
        settle();
    }

    private void settle() {
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(4));
            nodes.values().forEach(n -> n.agents().tickMonitors());
        }
    }

    private List<String> runningOn(String rsc) {
        return nodes.entrySet().stream().filter(e -> e.getValue().agents().state.containsKey(rsc))
                .map(Map.Entry::getKey).toList();
    }

    private QuorumStatus quorum(String node) throws Exception {
        CompletableFuture<QuorumStatus> f = nodes.get(node).controller().quorumStatus();
        clock.runUntilIdle();
        return f.get();
    }

    private List<String> override(String node, boolean on) throws Exception {
        CompletableFuture<List<String>> f = nodes.get(node).controller().overrideQuorum(on, "root (uid 0)");
        clock.runUntilIdle();
        return f.get();
    }

    private String active() {
        List<String> on = runningOn("web");
        assertEquals(1, on.size(), "web runs on exactly one node: " + on);
        return on.get(0);
    }

    private static String other(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    private void lose(String node) {
        server.reachable(node, false);
        network.crash(node);
        nodes.get(node).agents().state.clear();
        nodes.remove(node);
    }

    private int operations(String node) {
        return nodes.get(node).agents().log.size();
    }

    @Test
    void withTheQuorumServerBothSitesHaveThreeOfThreeVotes() throws Exception {
        splitSitePair(false);
        assertEquals(1, runningOn("web").size());
        QuorumStatus q = quorum("node1");
        assertTrue(q.quorate(), q.summary());
        assertEquals(3, q.votes());
        assertEquals(3, q.expectedVotes());
        assertEquals(2, q.neededVotes());
        assertFalse(q.twoNode(), "no two-node mode with a quorum server");
        assertTrue(q.source().vote());
        assertEquals("partition node1, node2 has quorum (3 of 3 votes)", q.summary());
    }

    @Test
    void afterASplitOnlyTheSideWithTheServersVoteRunsTheResource() throws Exception {
        splitSitePair(true);
        String active = active();
        String idle = other(active);
        server.prefer(idle); // the server's tie-break favours the site that does not run it

        network.split(Set.of("node1"), Set.of("node2"));
        clock.advance(Duration.ofMillis(500));
        assertTrue(quorum(idle).quorate(), quorum(idle).summary());
        assertFalse(quorum(active).quorate());
        assertFalse(quorum(active).deciding(), "the server's refusal ends the wait at once");
        assertEquals(List.of(idle), server.holder().stream().toList());
        settle();
        assertEquals(List.of(idle), runningOn("web"), active + " stopped it, " + idle + " fenced it and started it");
        assertTrue(fencer.fenced.contains(active + " reboot"), fencer.fenced.toString());
        assertFalse(fencer.fenced.contains(idle + " reboot"), "the side without quorum fences nobody");
        assertTrue(nodes.get(active).agents().log.contains("stop web"));
    }

    @Test
    void stoppingTheQuorumServerCausesNoTransition() throws Exception {
        splitSitePair(false);
        int before = operations("node1") + operations("node2");
        List<String> running = runningOn("web");

        server.stop();
        settle();
        assertEquals(before, operations("node1") + operations("node2"), "no operation ran");
        assertEquals(running, runningOn("web"));
        QuorumStatus q = quorum("node1");
        assertTrue(q.quorate(), q.summary());
        assertEquals(2, q.votes());
        assertFalse(q.source().connected());
    }

    @Test
    void withTheServerDownLosingTheOtherSiteStopsTheResources() throws Exception {
        splitSitePair(false);
        String active = active();
        server.stop();
        settle();

        lose(other(active));
        clock.advance(Duration.ofSeconds(2));
        QuorumStatus waiting = quorum(active);
        assertTrue(waiting.deciding(), waiting.summary());
        assertEquals(List.of(active), runningOn("web"), "nothing is stopped while the server may still answer");
        settle();
        QuorumStatus lost = quorum(active);
        assertFalse(lost.quorate());
        assertFalse(lost.deciding());
        assertEquals(List.of(), runningOn("web"), "one site alone, no quorum server: no quorum, stop");
    }

    @Test
    void theQuorumServersLateGrantSparesTheResourcesOfTheSurvivingSite() throws Exception {
        splitSitePair(true);
        String active = active();
        server.hold(true); // busy: the survivor's partition is not granted at once
        lose(other(active));
        clock.advance(Duration.ofSeconds(3));
        assertTrue(quorum(active).deciding());
        server.hold(false);
        settle();
        assertTrue(quorum(active).quorate());
        assertEquals(List.of(active), runningOn("web"));
        assertFalse(nodes.get(active).agents().log.contains("stop web"), "never stopped");
        assertTrue(fencer.fenced.contains(other(active) + " reboot"), "the lost site is fenced: " + fencer.fenced);
    }

    @Test
    void aLoneNodeOfTwoKeepsQuorumButWaitsForAllAfterAColdStart() throws Exception {
        List<String> pair = List.of("node1", "node2");
        start("node1", cib(false, "stop"), QuorumSettings.defaults(), null, pair);
        clock.advance(Duration.ofSeconds(60)); // far past initdead (10 s)
        assertEquals(List.of(), runningOn("web"), "wait_for_all: initdead does not lift it");
        QuorumStatus waiting = quorum("node1");
        assertTrue(waiting.twoNode() && waiting.waitForAll() && waiting.waitingForAll(), waiting.toString());
        assertTrue(waiting.summary().contains("not seen: node2"), waiting.summary());

        start("node2", cib(false, "stop"), QuorumSettings.defaults(), null, pair);
        settle();
        String active = active();
        lose(active);
        settle();
        QuorumStatus alone = quorum(other(active));
        assertTrue(alone.quorate(), "two-node mode: " + alone.summary());
        assertEquals(1, alone.votes());
        assertEquals(2, alone.expectedVotes());
        assertEquals(List.of(other(active)), runningOn("web"));
    }

    @Test
    void withoutTwoNodeModeALoneNodeOfTwoHasNoQuorum() throws Exception {
        List<String> pair = List.of("node1", "node2");
        QuorumSettings off = QuorumSettings.defaults().withTwoNode(QuorumSettings.TwoNode.OFF);
        start("node1", cib(false, "stop"), off, null, pair);
        start("node2", cib(false, "stop"), off, null, pair);
        settle();
        String active = active();
        lose(other(active));
        settle();
        assertFalse(quorum(active).quorate());
        assertEquals(List.of(), runningOn("web"));
    }

    @Test
    void anOverrideGrantsQuorumByHandAndEndsWhenEveryNodeIsBack() throws Exception {
        List<String> three = List.of("node1", "node2", "node3");
        for (String n : three) {
            start(n, cib(false, "stop"), QuorumSettings.defaults(), null, three);
        }
        settle();
        String active = active();
        assertFalse(override("node1", true).isEmpty(), "nothing to override with every node present");

        network.split(Set.of("node1"), Set.of("node2", "node3"));
        settle();
        assertFalse(runningOn("web").contains("node1"), "node1 stopped it or never ran it (" + active + ")");
        assertEquals(1, runningOn("web").size(), "the majority runs it");
        assertFalse(quorum("node1").quorate());
        assertTrue(quorum("node2").quorate());

        assertEquals(List.of(), override("node1", true));
        settle();
        QuorumStatus q = quorum("node1");
        assertTrue(q.quorate(), q.summary());
        assertEquals("root (uid 0)", q.overrideBy());
        assertTrue(q.summary().contains("by operator override"), q.summary());

        assertEquals(List.of(), override("node1", false));
        settle();
        assertFalse(quorum("node1").quorate());

        override("node1", true);
        network.heal();
        settle();
        assertNull(quorum("node1").overrideBy(), "every node is back: the override ended");
        assertEquals(1, runningOn("web").size());
    }

    @Test
    void noQuorumPolicyFenceFencesThePartitionThatLostQuorum() throws Exception {
        List<String> three = List.of("node1", "node2", "node3");
        for (String n : three) {
            start(n, cib(true, "fence"), QuorumSettings.defaults(), null, three);
        }
        settle();
        network.split(Set.of("node1"), Set.of("node2", "node3"));
        settle();
        assertTrue(fencer.fenced.contains("node1 reboot"), fencer.fenced.toString());
        assertFalse(fencer.fenced.contains("node2 reboot") || fencer.fenced.contains("node3 reboot"),
                "the quorate partition is not fenced: " + fencer.fenced);
    }
}
