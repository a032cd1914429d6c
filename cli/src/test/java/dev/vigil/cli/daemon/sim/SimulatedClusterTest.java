package dev.vigil.cli.daemon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cib.document.CibPersistence;
import dev.vigil.cib.document.XmlCibDocument;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.daemon.DaemonRequests;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.daemon.ipc.Peer;
import dev.vigil.cli.daemon.ipc.Request;
import dev.vigil.core.controller.Controller;
import dev.vigil.core.controller.ControllerSettings;
import dev.vigil.core.controller.ControllerStatus;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.OcfStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import dev.vigil.core.port.FenceResult;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.Fencer;
import dev.vigil.core.controller.FenceEvent;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Whole clusters in one JVM: real controllers and real CIB documents, an in-memory network, a
 * manual clock and scriptable agents.
 */
class SimulatedClusterTest {
    private static final String CONFIG = """
            <cib epoch="5" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.10">
              <configuration>
                <crm_config><cluster_property_set id="opts">
                  <nvpair id="o1" name="stonith-enabled" value="%s"/>
                </cluster_property_set></crm_config>
                <nodes/>
                <resources>
                  <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                    <meta_attributes id="web-meta">
                      <nvpair id="web-stick" name="resource-stickiness" value="100"/>
                      <nvpair id="web-mt" name="migration-threshold" value="2"/>
                    </meta_attributes>
                    <operations><op id="web-mon" name="monitor" interval="10s" timeout="20s"/></operations>
                  </primitive>
                </resources>
                <constraints/>
              </configuration>
              <status/>
            </cib>
            """;
    private static final String EMPTY = """
            <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.10">
              <configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/>
            </cib>
            """;

    private final ManualScheduler clock = new ManualScheduler();
    private final SimNetwork network = new SimNetwork(clock);
    private final Map<String, Node> nodes = new TreeMap<>();
    private final FakeFencer fencer = new FakeFencer();

    /** Fences by recording the request; succeeds unless told to fail. */
    private final class FakeFencer implements Fencer {
        final List<String> fenced = new ArrayList<>();
        boolean fail;

        @Override
        public CompletableFuture<FenceResult> fence(FenceRequest request) {
            fenced.add(request.target() + " " + request.action().value() + (fail ? " failed" : ""));
            Instant now = clock.now();
            return CompletableFuture.completedFuture(new FenceResult(request, fail ? FenceResult.Status.FAILED
                    : FenceResult.Status.SUCCESS, 0, fail ? List.of() : List.of("fence1"),
                    fail ? "fence1: power switch did not answer" : "", now, now, List.of()));
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

    private record Node(Controller controller, FakeAgents agents, XmlCibDocument cib) {
    }

    private Node start(String name, String cibXml) throws Exception {
        return start(name, cibXml, ControllerSettings.of(name, UUID.randomUUID().toString()));
    }

    private Node start(String name, String cibXml, ControllerSettings settings) throws Exception {
        FakeAgents agents = new FakeAgents(clock);
        XmlCibDocument cib = new XmlCibDocument(XmlParser.parse(cibXml, name), CibPersistence.none(),
                Clock.fixed(clock.now(), ZoneOffset.UTC));
        Controller c = new Controller(settings, clock.loop(), network.join(name), agents, cib, fencer);
        c.start();
        Node n = new Node(c, agents, cib);
        nodes.put(name, n);
        return n;
    }

    private void settle() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(4));
            nodes.values().forEach(n -> n.agents().tickMonitors());
        }
        clock.advance(Duration.ofSeconds(4));
    }

    private List<String> runningOn(String rsc) {
        return nodes.entrySet().stream().filter(e -> e.getValue().agents().state.containsKey(rsc))
                .map(Map.Entry::getKey).toList();
    }

    /** Runs the simulated cluster (at most 10 simulated seconds) until {@code f} completes. */
    private <T> T settled(CompletableFuture<T> f) throws Exception {
        for (int i = 0; i < 1000 && !f.isDone(); i++) {
            clock.advance(Duration.ofMillis(10));
        }
        assertTrue(f.isDone(), "no answer within 10 simulated seconds");
        return f.get();
    }

    private ControllerStatus status(String node) throws Exception {
        var f = nodes.get(node).controller().status();
        clock.runUntilIdle();
        return f.get();
    }

    @Test
    void twoNodesFormAClusterAndRunTheResourceOnExactlyOneNode() throws Exception {
        start("node1", EMPTY);
        start("node2", CONFIG.formatted("false"));
        settle();
        assertEquals(List.of("node1"), runningOn("web"));
        ControllerStatus s1 = status("node1");
        ControllerStatus s2 = status("node2");
        assertEquals("node1", s1.dc());
        assertEquals("node1", s2.dc());
        assertEquals(List.of("node1", "node2"), s1.members());
        assertEquals(s1.cibVersion(), s2.cibVersion(), "both nodes hold the same CIB");
        assertTrue(s1.cibXml().contains("id=\"web\""), "the newest CIB (node2's) won the sync");
        assertTrue(nodes.get("node1").agents().hasMonitor("web_monitor_10000"), "the recurring monitor runs");
        assertTrue(nodes.get("node2").agents().log.contains("monitor web"), "node2 was probed");
        assertTrue(s1.warnings().get(0).startsWith("fencing is disabled"), s1.warnings().toString());
    }

    @Test
    void atStartupTheDcWaitsUpToInitdeadForTheExpectedNodes() throws Exception {
        ControllerSettings waiting = ControllerSettings.of("node1", "boot-1")
                .withStartupWait(Duration.ofSeconds(60), List.of("node1", "node2"));
        start("node1", CONFIG.formatted("false"), waiting);
        settle(); // 24 s: alone, within initdead
        assertEquals(List.of(), runningOn("web"), "nothing starts while node2 may still come");
        assertTrue(status("node1").warnings().get(0).contains("initdead"), status("node1").warnings().toString());
        start("node2", CONFIG.formatted("false"));
        settle();
        assertEquals(List.of("node1"), runningOn("web"), "all expected nodes are here: resources are managed");
    }

    @Test
    void afterInitdeadTheDcGoesOnWithoutTheMissingNodes() throws Exception {
        // Two nodes would mean two-node mode and wait_for_all, which initdead does not lift (QuorumSimulationTest).
        start("node1", CONFIG.formatted("false"), ControllerSettings.of("node1", "boot-1")
                .withStartupWait(Duration.ofSeconds(60), List.of("node2"))
                .withQuorum(dev.vigil.core.controller.QuorumSettings.defaults().withWaitForAll(false)));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), runningOn("web"));
        clock.advance(Duration.ofSeconds(31));
        settle();
        assertEquals(List.of("node1"), runningOn("web"), "after initdead the DC goes on without node2");
        assertTrue(status("node1").warnings().stream().noneMatch(w -> w.contains("initdead")));
    }

    @Test
    void theResourceMovesToTheSurvivorWhenItsNodeIsLostAndStaysThereWhenItComesBack() throws Exception {
        start("node1", CONFIG.formatted("false"));
        start("node2", CONFIG.formatted("false"));
        settle();
        assertEquals(List.of("node1"), runningOn("web"));
        network.crash("node1");
        nodes.remove("node1");
        settle();
        assertEquals(List.of("node2"), runningOn("web"));
        assertEquals("node2", status("node2").dc());
        Node back = start("node1", CONFIG.formatted("false"));
        settle();
        assertEquals(List.of("node2"), runningOn("web"), "stickiness keeps it on node2");
        assertEquals("node1", status("node1").dc());
        assertTrue(back.agents().log.contains("monitor web"), "the rejoined node was probed");
        assertEquals(status("node1").cibVersion(), status("node2").cibVersion());
    }

    @Test
    void aFailingMonitorIsRecoveredAndTheResourceMovesAfterMigrationThreshold() throws Exception {
        start("node1", CONFIG.formatted("false"));
        start("node2", CONFIG.formatted("false"));
        settle();
        assertEquals(List.of("node1"), runningOn("web"));
        FakeAgents n1 = nodes.get("node1").agents();
        n1.state.remove("web"); // the service dies
        settle();
        assertEquals(List.of("node1"), runningOn("web"), "first failure: restarted in place");
        assertTrue(status("node1").cibXml().contains("fail-count-web#monitor_10000"), "fail count recorded");
        n1.state.remove("web");
        settle();
        assertEquals(List.of("node2"), runningOn("web"), "second failure reaches migration-threshold=2");
    }

    @Test
    void aLostNodeIsFencedBeforeItsResourceIsRecoveredElsewhere() throws Exception {
        String withDevice = CONFIG.formatted("true").replace("</resources>",
                "<primitive id=\"fence1\" class=\"stonith\" type=\"fence_dummy\"/></resources>");
        start("node1", withDevice);
        start("node2", withDevice);
        settle();
        assertEquals(List.of("node1"), runningOn("web"));
        assertEquals(List.of(), status("node1").warnings(), "fencing works: nothing to warn about");

        fencer.fail = true;
        network.crash("node1");
        nodes.get("node1").agents().state.clear(); // the crashed node's services died with it
        nodes.remove("node1");
        settle();
        assertTrue(fencer.fenced.size() >= 2 && fencer.fenced.get(0).equals("node1 reboot failed"),
                fencer.fenced.toString());
        assertEquals(List.of(), runningOn("web"), "no recovery while node1 may still run it");

        fencer.fail = false;
        settle();
        assertEquals(List.of("node2"), runningOn("web"), "recovered once node1 was fenced");
        assertEquals("node1 reboot", fencer.fenced.get(fencer.fenced.size() - 1));
        assertTrue(status("node2").cibXml().matches("(?s).*<node_state[^>]*uname=\"node1\"[^>]*expected=\"down\".*")
                || status("node2").cibXml().matches("(?s).*<node_state[^>]*expected=\"down\"[^>]*uname=\"node1\".*"),
                "the fencing is recorded: node1 is cleanly down");
        int fencings = fencer.fenced.size();
        settle();
        assertEquals(fencings, fencer.fenced.size(), "a fenced node is not fenced again");
    }

    @Test
    void inATwoNodeClusterTheFencingOfTheNodeRunningResourcesWaitsUnlessItsProcessEnded() throws Exception {
        String withDevice = CONFIG.formatted("true").replace("</resources>",
                "<primitive id=\"fence1\" class=\"stonith\" type=\"fence_dummy\"/></resources>");
        start("node1", withDevice);
        start("node2", withDevice);
        settle();
        assertEquals(List.of("node1"), runningOn("web"));

        // Gone silent (a split, or a dead host): node2 holds back its shot at the node that should survive.
        network.crash("node1");
        nodes.get("node1").agents().state.clear();
        nodes.remove("node1");
        clock.advance(Duration.ofSeconds(4));
        assertEquals(List.of(), fencer.fenced, "the fencing of node1 (running web) waits 5 s");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("node1 reboot"), fencer.fenced);
        settle();
        assertEquals(List.of("node2"), runningOn("web"));
        List<FenceEvent> history = settled(nodes.get("node2").controller().fenceHistory());
        assertEquals(1, history.size());
        assertEquals("node1", history.get(0).target());
        assertEquals("SUCCESS", history.get(0).status());
    }

    @Test
    void aPeerWhoseProcessEndedIsFencedAtOnceAndTheHistoryReachesEveryNode() throws Exception {
        String withDevice = CONFIG.formatted("true").replace("</resources>",
                "<primitive id=\"fence1\" class=\"stonith\" type=\"fence_dummy\"/></resources>");
        start("node1", withDevice);
        start("node2", withDevice);
        start("node3", withDevice);
        settle();
        String active = runningOn("web").get(0);
        network.crash(active, true);
        nodes.get(active).agents().state.clear();
        nodes.remove(active);
        clock.advance(Duration.ofMillis(100));
        assertEquals(List.of(active + " reboot"), fencer.fenced, "no delay: three nodes, and its process ended");
        settle();
        for (String n : nodes.keySet()) {
            assertEquals(1, settled(nodes.get(n).controller().fenceHistory()).size(), n + " knows the fencing");
        }
    }

    @Test
    void anOperatorsConfirmationRecoversAFailedFencingAndIsRefusedForAMember() throws Exception {
        String withDevice = CONFIG.formatted("true").replace("</resources>",
                "<primitive id=\"fence1\" class=\"stonith\" type=\"fence_dummy\"/></resources>");
        start("node1", withDevice);
        start("node2", withDevice);
        start("node3", withDevice);
        settle();
        String active = runningOn("web").get(0);
        String asker = nodes.keySet().stream().filter(n -> !n.equals(active)).reduce((a, b) -> b).orElseThrow();

        List<String> refused = settled(nodes.get(asker).controller().confirmFenced(active));
        assertTrue(refused.get(0).contains("is a member"), refused.toString());

        fencer.fail = true;
        network.crash(active, true);
        nodes.get(active).agents().state.clear();
        nodes.remove(active);
        settle();
        assertEquals(List.of(), runningOn("web"), "no recovery while fencing fails");

        assertEquals(List.of(), settled(nodes.get(asker).controller().confirmFenced(active)));
        settle();
        assertEquals(1, runningOn("web").size(), "recovered after the confirmation");
        List<FenceEvent> events = settled(nodes.get(asker).controller().fenceHistory());
        assertTrue(events.stream().anyMatch(e -> e.status().equals(FenceEvent.CONFIRMED) && e.target().equals(active)),
                events.toString());
    }

    @Test
    void withFencingEnabledAndNoDeviceNothingStarts() throws Exception {
        start("node1", CONFIG.formatted("true"));
        start("node2", EMPTY);
        settle();
        assertEquals(List.of(), runningOn("web"));
        assertTrue(status("node2").warnings().get(0).contains("no fence device is configured"), status("node2").warnings()
                .toString());
    }

    @Test
    void aChangeMadeThroughEitherNodeIsSeenByBoth() throws Exception {
        start("node1", CONFIG.formatted("false"));
        start("node2", CONFIG.formatted("false"));
        settle();
        var f = nodes.get("node2").controller().change(new CibChange.ConfigurationModified("""
                <constraints><rsc_location id="loc-web" rsc="web" node="node2" score="INFINITY"/></constraints>
                """));
        settle();
        assertEquals(List.of(), f.get());
        assertEquals(List.of("node2"), runningOn("web"), "the new location constraint moved it");
        assertTrue(status("node1").cibXml().contains("loc-web"));
        assertEquals(status("node1").cibVersion(), status("node2").cibVersion());
        var bad = nodes.get("node1").controller().change(new CibChange.ConfigurationModified("""
                <constraints><rsc_location id="loc-bad" rsc="nosuch" node="node2" score="INFINITY"/></constraints>
                """));
        settle();
        assertFalse(bad.get().isEmpty(), "an invalid change is refused");
        assertTrue(bad.get().get(0).contains("nosuch"), bad.get().toString());
        assertFalse(status("node2").cibXml().contains("loc-bad"));
    }

    @Test
    void aStartFailureMovesTheResourceElsewhere() throws Exception {
        start("node1", CONFIG.formatted("false"));
        start("node2", CONFIG.formatted("false"));
        nodes.get("node1").agents().failStart.add("web");
        settle();
        assertEquals(List.of("node2"), runningOn("web"));
        assertEquals(OcfStatus.SUCCESS, nodes.get("node2").agents().state.get("web"));
    }

    @Test
    void standbyMoveClearCleanupAndStopThroughTheControlOperations() throws Exception {
        start("node1", CONFIG.formatted("false"));
        start("node2", CONFIG.formatted("false"));
        settle();
        assertEquals(List.of("node1"), runningOn("web"));
        ObjectMapper json = new ObjectMapper();
        Peer root = new Peer("root", 0, "root", Set.of());
        Map<String, DaemonRequests> requests = new TreeMap<>();
        nodes.forEach((name, n) -> requests.put(name, new DaemonRequests(n.controller(),
                Clock.fixed(clock.now(), ZoneOffset.UTC), Runnable::run)));
        // Asks node's daemon for op with args ("name", "value", ...) and lets the cluster act on it.
        interface Ask {
            CompletableFuture<JsonNode> on(String node, String op, String... args);
        }
        Ask ask = (node, op, args) -> {
            ObjectNode a = json.createObjectNode();
            for (int i = 0; i + 1 < args.length; i += 2) {
                a.put(args[i], args[i + 1]);
            }
            CompletableFuture<JsonNode> f = requests.get(node).handle(new Request(op, a, root));
            settle();
            return f;
        };

        String m = ask.on("node1", "node-standby").get().get("message").asText();
        assertEquals("node1 is in standby: its resources (web) move to other nodes or stop.", m);
        assertEquals(List.of("node2"), runningOn("web"), "standby of the active node moves the resource away");
        ask.on("node2", "node-online", "node", "node1").get();
        assertEquals(List.of("node2"), runningOn("web"), "stickiness keeps it on node2 once node1 is back");

        m = ask.on("node1", "resource-move", "resource", "web").get().get("message").asText();
        assertTrue(m.startsWith("Created cli-ban-web-on-node2: web may not run on node2"), m);
        assertTrue(m.endsWith("Run `vigil resource clear web` to remove it."), m);
        assertEquals(List.of("node1"), runningOn("web"), "moved away from where it ran");
        m = ask.on("node2", "resource-move", "resource", "web", "node", "node2").get().get("message").asText();
        assertTrue(m.startsWith("Removed cli-ban-web-on-node2, which kept it off node2. Created cli-prefer-web"), m);
        assertEquals(List.of("node2"), runningOn("web"), "moved to the named node");
        m = ask.on("node1", "resource-clear", "resource", "web").get().get("message").asText();
        assertTrue(m.startsWith("Removed cli-prefer-web:"), m);
        assertFalse(status("node1").cibXml().contains("cli-"), "no move constraint left");
        assertEquals(List.of("node2"), runningOn("web"), "clearing does not move it back (stickiness)");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ask.on("node1", "resource-move", "resource", "web", "node", "node2").get());
        assertEquals(ControlException.INVALID, ((ControlException) e.getCause()).code());

        FakeAgents n2 = nodes.get("node2").agents();
        n2.state.remove("web"); // first failure: restarted in place, fail count 1 of migration-threshold=2
        settle();
        assertEquals(List.of("node2"), runningOn("web"));
        assertTrue(status("node1").cibXml().contains("fail-count-web#monitor_10000"));
        m = ask.on("node1", "resource-cleanup", "resource", "web").get().get("message").asText();
        assertTrue(m.contains("node2: history of web, fail-count-web#monitor_10000"), m);
        assertFalse(status("node1").cibXml().contains("fail-count-web"), "the fail count is reset");
        assertEquals(List.of("node2"), runningOn("web"), "re-probed and found running");
        n2.state.remove("web"); // counts as the first failure again, so it stays
        settle();
        assertEquals(List.of("node2"), runningOn("web"), "after cleanup a failure no longer reaches the threshold");

        ask.on("node2", "resource-stop", "resource", "web").get();
        assertEquals(List.of(), runningOn("web"));
        ask.on("node1", "resource-start", "resource", "web").get();
        assertEquals(1, runningOn("web").size());
        ExecutionException unknown = assertThrows(ExecutionException.class,
                () -> ask.on("node1", "resource-frobnicate").get());
        assertTrue(unknown.getCause().getMessage().contains("node-standby, node-online"),
                unknown.getCause().getMessage());
    }
}
