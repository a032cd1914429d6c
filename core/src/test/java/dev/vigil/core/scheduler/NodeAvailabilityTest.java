package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummaryInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What happens to resources when nodes are lost, shut down, put in standby, or quorum is lost. */
class NodeAvailabilityTest {

    @Test
    void lostNodeIsFencedAndItsResourceMovesAfterwards() {
        Transition t = cluster("node1", "node2").lostNode("node3")
                .fencingDevice("fencer")
                .primitive("rsc1")
                .running("fencer", "node1")
                .running("rsc1", "node3")
                .schedule();
        assertSummary(t,
                "Fence (reboot) node3 'peer is no longer part of the cluster'",
                "Move rsc1 (node3 -> node2)");
    }

    @Test
    void fenceLineComesBeforeEveryResourceLine() {
        Transition t = cluster("node1", "node2").lostNode("node3")
                .primitive("rsc1")
                .primitive("rsc2")
                .running("rsc1", "node3")
                .running("rsc2", "node3")
                .schedule();
        List<SummaryLine> lines = t.summary();
        assertEquals(3, lines.size(), () -> SummaryAssert.lines(t).toString());
        assertTrue(lines.get(0).fence(), "first line is the fencing");
        assertEquals("node3", lines.get(0).subject());
        assertEquals("Fence (reboot)", lines.get(0).change());
        assertSummaryInAnyOrder(t,
                "Fence (reboot) node3 'peer is no longer part of the cluster'",
                "Move rsc1 (node3 -> node1)",
                "Move rsc2 (node3 -> node2)");
    }

    @Test
    void fencingActionOffIsReported() {
        Transition t = cluster("node1").lostNode("node2")
                .property("fencing-action", "off")
                .primitive("rsc1")
                .running("rsc1", "node2")
                .schedule();
        assertSummary(t,
                "Fence (off) node2 'peer is no longer part of the cluster'",
                "Move rsc1 (node2 -> node1)");
    }

    @Test
    void lostNodeIsFencedEvenWhenItRanNothing() {
        Transition t = cluster("node1", "node2").lostNode("node3")
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Fence (reboot) node3 'peer is no longer part of the cluster'");
    }

    @Test
    void withoutFencingAResourceOnALostNodeJustStartsElsewhere() {
        Transition t = cluster("node1", "node2").lostNode("node3")
                .fencingDisabled()
                .primitive("rsc1")
                .running("rsc1", "node3")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }

    @Test
    void cleanlyStoppedNodeIsNotFenced() {
        Transition t = cluster("node1").offlineNode("node2")
                .primitive("rsc1")
                .location("rsc1", "node2", 100)
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }

    @Test
    void resourceOnACleanlyStoppedNodeStartsElsewhereWithoutFencing() {
        Transition t = cluster("node1").offlineNode("node2")
                .primitive("rsc1")
                .running("rsc1", "node2")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }

    @Test
    void standbyNodesResourcesMoveAway() {
        Transition t = cluster("node1").standbyNode("node2")
                .fencingDisabled()
                .stickiness(1000)
                .primitive("rsc1")
                .primitive("rsc2")
                .running("rsc1", "node1")
                .running("rsc2", "node2")
                .schedule();
        assertSummary(t, "Move rsc2 (node2 -> node1)");
    }

    @Test
    void standbyNodeReceivesNoNewResources() {
        Transition t = cluster("node1").standbyNode("node2")
                .fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node2", 100)
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }

    @Test
    void transientStandbyAttributeAlsoMovesResources() {
        Transition t = cluster("node1", "node2")
                .fencingDisabled()
                .primitive("rsc1")
                .attribute("node1", "standby", "on")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Move rsc1 (node1 -> node2)");
    }

    @Test
    void resourceOnAStandbyNodeStopsWhenNoOtherNodeIsAvailable() {
        Transition t = cluster().standbyNode("node1").offlineNode("node2")
                .fencingDisabled()
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Stop rsc1 (node1) due to node availability");
    }

    @Test
    void noQuorumWithPolicyStopStopsEverything() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "stop")
                .primitive("rsc1")
                .primitive("rsc2")
                .running("rsc1", "node1")
                .running("rsc2", "node2")
                .schedule();
        assertSummary(t,
                "Stop rsc1 (node1) due to no quorum",
                "Stop rsc2 (node2) due to no quorum");
    }

    @Test
    void noQuorumStopIsTheDefaultPolicy() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Stop rsc1 (node1) due to no quorum");
    }

    @Test
    void noQuorumWithPolicyIgnoreKeepsRunning() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "ignore")
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void noQuorumWithPolicyFreezeKeepsRunningResourcesWhereTheyAre() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "freeze")
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void noQuorumWithPolicyDemoteDemotesThePromotedInstance() {
        // Pacemaker Explained, no-quorum-policy: "demote: demote promotable resources and stop all other
        // resources in the affected cluster partition"
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "demote")
                .promotable("db-clone", "db")
                .promoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 10)
                .promotionScore("db", "node2", 5)
                .schedule();
        assertSummary(t, "Demote db:0 (Promoted -> Unpromoted node1)");
    }

    @Test
    void noQuorumWithPolicyDemoteStopsResourcesThatAreNotPromotable() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "demote")
                .primitive("rsc1")
                .running("rsc1", "node2")
                .schedule();
        assertSummary(t, "Stop rsc1 (node2) due to no quorum");
    }

    @Test
    void noQuorumWithPolicyDemoteKeepsUnpromotedInstancesRunning() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "demote")
                .promotable("db-clone", "db")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .schedule();
        assertSummary(t);
    }

    @Test
    void noQuorumPreventsFencingOfALostNode() {
        Transition t = cluster("node1", "node2").lostNode("node3")
                .noQuorum()
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertTrue(t.summary().stream().noneMatch(SummaryLine::fence), () -> SummaryAssert.lines(t).toString());
    }
}
