package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;

import dev.vigil.core.model.Role;
import org.junit.jupiter.api.Test;

/** Anonymous clones (one instance per node) and promotable clones (promotion by score). */
class CloneTest {

    // ---- anonymous clones ---------------------------------------------------------------------------

    @Test
    void anonymousCloneStartsOneInstancePerOnlineNode() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .clone("ping-clone", "ping")
                .schedule();
        assertSummary(t, "Start ping:0 (node1)", "Start ping:1 (node2)", "Start ping:2 (node3)");
    }

    @Test
    void anonymousCloneSkipsOfflineNodes() {
        Transition t = cluster("node1", "node3").offlineNode("node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .schedule();
        assertSummary(t, "Start ping:0 (node1)", "Start ping:1 (node3)");
    }

    @Test
    void cloneMaxLimitsTheNumberOfInstances() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .clone("ping-clone", "ping", "clone-max=2")
                .location("ping-clone", "node3", 100)
                .schedule();
        assertSummary(t, "Start ping:0 (node3)", "Start ping:1 (node1)");
    }

    @Test
    void anonymousCloneStartsOnlyTheMissingInstance() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .clone("ping-clone", "ping")
                .running("ping", "node1")
                .running("ping", "node2")
                .schedule();
        assertSummary(t, "Start ping:2 (node3)");
    }

    @Test
    void runningAnonymousCloneNeedsNoAction() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .running("ping", "node1")
                .running("ping", "node2")
                .schedule();
        assertSummary(t);
    }

    @Test
    void banOnACloneStopsTheInstanceOnThatNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .ban("ping-clone", "node2")
                .running("ping", "node1")
                .running("ping", "node2")
                .schedule();
        assertSummary(t, "Stop ping:1 (node2) due to node availability");
    }

    @Test
    void failedCloneInstanceRecoversInPlace() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .running("ping", "node1")
                .failedMonitor("ping", "node2")
                .schedule();
        assertSummary(t, "Recover ping:1 (node2)");
    }

    @Test
    void resourceColocatedWithACloneRunsOnlyWhereAnInstanceRuns() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .clone("ping-clone", "ping")
                .primitive("web")
                .ban("ping-clone", "node1")
                .colocation("web", "ping-clone", INFINITY)
                .running("ping", "node2")
                .running("ping", "node3")
                .schedule();
        assertSummary(t, "Start web (node2)");
    }

    @Test
    void resourceOrderedAfterACloneStartsOnceTheCloneRuns() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .primitive("web")
                .order("ping-clone", "web")
                .schedule();
        assertSummary(t, "Start ping:0 (node1)", "Start ping:1 (node2)", "Start web (node1)");
    }

    @Test
    void cloneInstanceOnAStandbyNodeStops() {
        Transition t = cluster("node1").standbyNode("node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .running("ping", "node1")
                .running("ping", "node2")
                .schedule();
        assertSummary(t, "Stop ping:1 (node2) due to node availability");
    }

    @Test
    void cloneInstanceThatReachedItsMigrationThresholdStops() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping", "migration-threshold=1")
                .running("ping", "node1")
                .failedMonitor("ping", "node2")
                .failCount("ping", "node2", 1)
                .schedule();
        assertSummary(t, "Stop ping:1 (node2) due to node availability");
    }

    @Test
    void cloneTargetRoleStoppedStopsEveryInstance() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping", "target-role=Stopped")
                .running("ping", "node1")
                .running("ping", "node2")
                .schedule();
        assertSummary(t,
                "Stop ping:0 (node1) due to node availability",
                "Stop ping:1 (node2) due to node availability");
    }

    // ---- promotable clones --------------------------------------------------------------------------

    @Test
    void targetRoleUnpromotedDemotesThePromotedInstance() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db", "target-role=Unpromoted")
                .promoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 10)
                .promotionScore("db", "node2", 5)
                .schedule();
        assertSummary(t, "Demote db:0 (Promoted -> Unpromoted node1)");
    }

    @Test
    void failedPromotedInstanceIsRecoveredInItsRole() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .promoted("db", "node1")
                .op("db", "node1", "monitor", ClusterFixture.MONITOR_MS, 7, 8)
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 10)
                .promotionScore("db", "node2", 5)
                .schedule();
        assertSummary(t, "Recover db:0 (Promoted node1)");
    }

    @Test
    void promotableClonePromotesTheInstanceWithTheHighestPromotionScore() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .promotable("db-clone", "db")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .unpromoted("db", "node3")
                .promotionScore("db", "node1", 5)
                .promotionScore("db", "node2", 10)
                .promotionScore("db", "node3", 1)
                .schedule();
        assertSummary(t, "Promote db:1 (Unpromoted -> Promoted node2)");
    }

    @Test
    void promotableClonePromotesUpToPromotedMax() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .promotable("db-clone", "db", "promoted-max=2")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .unpromoted("db", "node3")
                .promotionScore("db", "node1", 5)
                .promotionScore("db", "node2", 10)
                .promotionScore("db", "node3", 7)
                .schedule();
        assertSummary(t,
                "Promote db:1 (Unpromoted -> Promoted node2)",
                "Promote db:2 (Unpromoted -> Promoted node3)");
    }

    @Test
    void legacyMasterMaxIsAnAliasOfPromotedMax() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db", "master-max=2")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 5)
                .promotionScore("db", "node2", 10)
                .schedule();
        assertSummary(t,
                "Promote db:0 (Unpromoted -> Promoted node1)",
                "Promote db:1 (Unpromoted -> Promoted node2)");
    }

    @Test
    void instanceWithoutAPromotionScoreIsNotPromoted() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .schedule();
        assertSummary(t);
    }

    @Test
    void negativePromotionScorePreventsPromotion() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", -10)
                .promotionScore("db", "node2", -5)
                .schedule();
        assertSummary(t);
    }

    @Test
    void stoppedPromotableCloneStartsAndPromotesTheBestInstance() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .promotionScore("db", "node2", 10)
                .schedule();
        assertSummary(t,
                "Start db:0 (node1)",
                "Promote db:1 (Stopped -> Promoted node2)");
    }

    @Test
    void promotedInstanceStaysPromotedWhenStillTheBest() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .promoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 10)
                .promotionScore("db", "node2", 5)
                .schedule();
        assertSummary(t);
    }

    @Test
    void promotionMovesWhenAnotherInstanceScoresHigher() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .promoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 5)
                .promotionScore("db", "node2", 100)
                .schedule();
        assertSummary(t,
                "Demote db:0 (Promoted -> Unpromoted node1)",
                "Promote db:1 (Unpromoted -> Promoted node2)");
    }

    @Test
    void promotedRoleLocationPreferenceChoosesThePromotedNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .promotedLocation("db-clone", "node1", 100)
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 5)
                .promotionScore("db", "node2", 10)
                .schedule();
        assertSummary(t, "Promote db:0 (Unpromoted -> Promoted node1)");
    }

    @Test
    void resourceColocatedWithThePromotedRoleFollowsThePromotedInstance() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .promotable("db-clone", "db")
                .primitive("vip")
                .colocation("vip", null, "db-clone", Role.PROMOTED, INFINITY)
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node2", 10)
                .schedule();
        assertSummary(t,
                "Promote db:1 (Unpromoted -> Promoted node2)",
                "Start vip (node2)");
    }

    @Test
    void lostPromotedNodeIsFencedAndAnotherInstancePromoted() {
        Transition t = cluster("node1", "node2").lostNode("node3")
                .promotable("db-clone", "db")
                .promoted("db", "node3")
                .unpromoted("db", "node1")
                .unpromoted("db", "node2")
                .promotionScore("db", "node1", 5)
                .promotionScore("db", "node2", 10)
                .schedule();
        assertSummary(t,
                "Fence (reboot) node3 'peer is no longer part of the cluster'",
                "Promote db:1 (Unpromoted -> Promoted node2)",
                "Stop db:2 (Promoted node3) due to node availability");
    }
}
