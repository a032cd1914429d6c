package dev.vigil.core.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Clone;
import dev.vigil.core.model.Group;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test fixture writes the CIB the way Pacemaker would. */
class ClusterFixtureTest {

    private static NodeState state(Cib cib, String node) {
        return cib.nodeStates().stream().filter(s -> s.uname().equals(node)).findFirst().orElseThrow();
    }

    private static List<OperationRecord> ops(Cib cib, String node, String rsc) {
        return state(cib, node).history().stream().filter(h -> h.id().equals(rsc)).findFirst().orElseThrow()
                .operations();
    }

    @Test
    void nodesKeepTheirDeclarationOrderAndKind() {
        Cib cib = ClusterFixture.cluster("b", "a").offlineNode("c").lostNode("d").standbyNode("e").build();
        assertEquals(List.of("b", "a", "c", "d", "e"), cib.nodes().stream().map(n -> n.uname()).toList());
        assertEquals("member", state(cib, "a").join());
        assertEquals("false", state(cib, "c").inCluster());
        assertEquals("down", state(cib, "c").expected());
        assertEquals("false", state(cib, "d").inCluster());
        assertEquals("member", state(cib, "d").expected());
        assertEquals("on", cib.nodes().get(4).attributes().get("standby"));
    }

    @Test
    void runningRecordsASuccessfulStartThatWasExpectedToSucceed() {
        Cib cib = ClusterFixture.cluster("node1").primitive("rsc1").running("rsc1", "node1").build();
        OperationRecord op = ops(cib, "node1", "rsc1").get(0);
        assertEquals("start", op.operation());
        assertEquals(0, op.rc());
        assertEquals(0, op.expectedRc());
        assertEquals("0", op.transitionKey().split(":")[2]);
    }

    @Test
    void failedMonitorRecordsARecurringMonitorThatFoundTheResourceStopped() {
        Cib cib = ClusterFixture.cluster("node1").primitive("rsc1").failedMonitor("rsc1", "node1").build();
        List<OperationRecord> ops = ops(cib, "node1", "rsc1");
        OperationRecord mon = ops.get(ops.size() - 1);
        assertEquals("monitor", mon.operation());
        assertTrue(mon.intervalMs() > 0);
        assertEquals(7, mon.rc());
        assertEquals(0, mon.expectedRc());
        assertTrue(ops.get(0).callId() < mon.callId(), "the start came before the monitor");
    }

    @Test
    void probedStoppedRecordsAProbeExpectedToFindNothing() {
        Cib cib = ClusterFixture.cluster("node1").primitive("rsc1").probedStopped("rsc1", "node1").build();
        OperationRecord op = ops(cib, "node1", "rsc1").get(0);
        assertTrue(op.isProbe());
        assertEquals(7, op.rc());
        assertEquals(7, op.expectedRc());
    }

    @Test
    void transientAttributesGoToTheNodeState() {
        Cib cib = ClusterFixture.cluster("node1").promotable("ms", "db")
                .promotionScore("db", "node1", 10).failCount("db", "node1", 2).build();
        assertEquals("10", state(cib, "node1").transientAttributes().get("master-db"));
        assertEquals("2", state(cib, "node1").transientAttributes().get("fail-count-db"));
    }

    @Test
    void resourcesAreBuiltWithTheirKindAndMeta() {
        Cib cib = ClusterFixture.cluster("node1")
                .primitive("p", "target-role=Stopped")
                .group("g", "m1", "m2")
                .clone("c", "ping", "clone-max=1")
                .promotable("ms", "db")
                .meta("g", "priority", "3")
                .build();
        assertEquals("Stopped", assertInstanceOf(Primitive.class, cib.resources().get(0)).meta().get("target-role"));
        Group g = assertInstanceOf(Group.class, cib.resources().get(1));
        assertEquals(List.of("m1", "m2"), g.children().stream().map(Primitive::id).toList());
        assertEquals("3", g.meta().get("priority"));
        assertFalse(assertInstanceOf(Clone.class, cib.resources().get(2)).promotable());
        assertTrue(assertInstanceOf(Clone.class, cib.resources().get(3)).promotable());
    }

    @Test
    void statusForAnUndeclaredNodeIsRejected() {
        ClusterFixture f = ClusterFixture.cluster("node1").primitive("rsc1").running("rsc1", "node9");
        assertThrows(IllegalArgumentException.class, f::build);
    }
}
