package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;

import org.junit.jupiter.api.Test;

/** Recovery from failed operations: recover in place, migration-threshold, failed starts. */
class FailureRecoveryTest {

    @Test
    void failedRecurringMonitorRecoversInPlace() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .failedMonitor("rsc1", "node1")
                .schedule();
        assertSummary(t, "Recover rsc1 (node1)");
    }

    @Test
    void failedMonitorWithAFailCountBelowTheThresholdStillRecoversInPlace() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "migration-threshold=3")
                .failedMonitor("rsc1", "node1")
                .failCount("rsc1", "node1", 2)
                .schedule();
        assertSummary(t, "Recover rsc1 (node1)");
    }

    @Test
    void migrationThresholdOfOneMovesAFailedResourceAway() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("rsc1", "migration-threshold=1")
                .failedMonitor("rsc1", "node1")
                .failCount("rsc1", "node1", 1)
                .schedule();
        assertSummary(t, "Recover rsc1 (node1 -> node2)");
    }

    @Test
    void reachedMigrationThresholdMovesAHealthyResourceAway() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("rsc1", "migration-threshold=1")
                .running("rsc1", "node1")
                .failCount("rsc1", "node1", 1)
                .schedule();
        assertSummary(t, "Move rsc1 (node1 -> node2)");
    }

    @Test
    void migrationThresholdFromRscDefaultsApplies() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .rscDefault("migration-threshold", "2")
                .primitive("rsc1")
                .failedMonitor("rsc1", "node1")
                .failCount("rsc1", "node1", 2)
                .schedule();
        assertSummary(t, "Recover rsc1 (node1 -> node2)");
    }

    @Test
    void perOperationFailCountsAreSummedAgainstTheThreshold() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "migration-threshold=2")
                .failedMonitor("rsc1", "node1")
                .attribute("node1", "fail-count-rsc1#monitor_10000", "1")
                .attribute("node1", "fail-count-rsc1#start_0", "1")
                .schedule();
        assertSummary(t, "Recover rsc1 (node1 -> node2)");
    }

    @Test
    void expiredFailureNoLongerCountsAgainstTheThreshold() {
        // last failure a minute before NOW, failure-timeout 30s: the fail count has expired
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("rsc1", "migration-threshold=1", "failure-timeout=30s")
                .running("rsc1", "node1")
                .failCount("rsc1", "node1", 1)
                .schedule();
        assertSummary(t);
    }

    @Test
    void expiredMonitorFailureIsIgnored() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "failure-timeout=30s")
                .failedMonitor("rsc1", "node1")
                .failCount("rsc1", "node1", 1)
                .schedule();
        assertSummary(t);
    }

    @Test
    void unexpiredMonitorFailureIsRecovered() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "failure-timeout=10min")
                .failedMonitor("rsc1", "node1")
                .failCount("rsc1", "node1", 1)
                .schedule();
        assertSummary(t, "Recover rsc1 (node1)");
    }

    @Test
    void failCountOnAnotherNodeDoesNotMoveTheResource() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1", "migration-threshold=1")
                .running("rsc1", "node1")
                .failCount("rsc1", "node2", 1)
                .schedule();
        assertSummary(t);
    }

    @Test
    void failedStartMovesTheResourceToAnotherNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", 100)
                .failedStart("rsc1", "node1")
                .failCount("rsc1", "node1", INFINITY)
                .schedule();
        assertSummary(t, "Recover rsc1 (node1 -> node2)");
    }

    @Test
    void failedStartWithoutAnyOtherNodeStopsTheResource() {
        Transition t = cluster("node1").fencingDisabled()
                .primitive("rsc1")
                .failedStart("rsc1", "node1")
                .failCount("rsc1", "node1", INFINITY)
                .schedule();
        assertSummary(t, "Stop rsc1 (node1) due to node availability");
    }

    @Test
    void movesGroupWhenMemberFailsToStart() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .group("grp", "a", "b", "c")
                .running("a", "node1")
                .failedStart("b", "node1")
                .failCount("b", "node1", INFINITY)
                .schedule();
        assertSummary(t,
                "Move a (node1 -> node2)",
                "Recover b (node1 -> node2)",
                "Start c (node2)");
    }

    @Test
    void failedMonitorOfAGroupMemberRestartsTheMembersAfterIt() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .group("grp", "a", "b", "c")
                .running("a", "node1")
                .failedMonitor("b", "node1")
                .running("c", "node1")
                .schedule();
        assertSummary(t,
                "Recover b (node1)",
                "Restart c (node1) due to required b start");
    }

    @Test
    void failedMonitorWithOnFailStopStopsTheResource() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .opDefault("on-fail", "stop")
                .primitive("rsc1")
                .failedMonitor("rsc1", "node1")
                .schedule();
        assertSummary(t, "Stop rsc1 (node1) due to node availability");
    }
}
