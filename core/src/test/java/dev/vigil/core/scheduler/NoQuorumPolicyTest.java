package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummaryInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Cib;
import org.junit.jupiter.api.Test;

/**
 * {@code no-quorum-policy=fence} (Pacemaker's {@code suicide}), {@code requires=nothing} and fencing
 * without quorum, as Pacemaker's {@code unpack_config} and {@code pe_can_fence} decide them.
 */
class NoQuorumPolicyTest {

    /** The fixture's CIB with {@code no-quorum-panic} set, as a DC that had quorum and lost it writes it. */
    private static Transition panicking(ClusterFixture f) {
        Cib c = f.build();
        Cib panic = new Cib(c.version(), c.validateWith(), c.dcUuid(), c.haveQuorum(), c.clusterProperties(),
                c.resourceDefaults(), c.operationDefaults(), c.nodes(), c.resources(), c.constraints(),
                c.fencingLevels(), c.tickets(), c.nodeStates(), true);
        return Scheduler.schedule(panic, ClusterFixture.NOW);
    }

    @Test
    void policyFenceFencesEveryNodeOfAPartitionThatLostQuorum() {
        for (String name : new String[] {"fence", "suicide"}) {
            Transition t = panicking(cluster("node1", "node2").lostNode("node3")
                    .noQuorum()
                    .property("no-quorum-policy", name)
                    .fencingDevice("fencer")
                    .primitive("rsc1")
                    .running("fencer", "node1")
                    .running("rsc1", "node1"));
            assertSummaryInAnyOrder(t,
                    "Fence (reboot) node1 'cluster does not have quorum'",
                    "Fence (reboot) node2 'cluster does not have quorum'",
                    "Stop fencer (node1) due to node availability",
                    "Stop rsc1 (node1) due to node availability");
        }
    }

    @Test
    void policyFenceActsAsStopWhenThePartitionNeverHadQuorum() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .property("no-quorum-policy", "fence")
                .fencingDevice("fencer")
                .primitive("rsc1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Start fencer (node1) due to no quorum (blocked)",
                "Stop rsc1 (node1) due to no quorum");
    }

    @Test
    void policyFenceActsAsStopWithoutFencing() {
        Transition t = panicking(cluster("node1", "node2")
                .noQuorum()
                .fencingDisabled()
                .property("no-quorum-policy", "fence")
                .primitive("rsc1")
                .running("rsc1", "node1"));
        assertSummary(t, "Stop rsc1 (node1) due to no quorum");
    }

    @Test
    void aResourceThatRequiresNothingStartsWithoutQuorum() {
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .fencingDisabled()
                .primitive("rsc1", "requires=nothing")
                .primitive("rsc2")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)", "Start rsc2 (node2) due to no quorum (blocked)");
    }

    @Test
    void withoutQuorumAFailedStopInThePartitionIsStillFenced() {
        // pe_can_fence: without quorum, nodes of this partition's membership may still be fenced
        Transition t = cluster("node1", "node2")
                .noQuorum()
                .fencingDevice("fencer")
                .primitive("rsc1")
                .running("fencer", "node1")
                .op("rsc1", "node2", "stop", 0, 1, 0)
                .schedule();
        assertTrue(SummaryAssert.lines(t).stream().anyMatch(l -> l.startsWith("Fence (reboot) node2")),
                () -> SummaryAssert.lines(t).toString());
    }
}
