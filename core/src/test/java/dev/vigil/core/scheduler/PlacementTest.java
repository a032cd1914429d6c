package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;

import org.junit.jupiter.api.Test;

/** Where a resource is placed: location scores, load balancing, stickiness and bans. */
class PlacementTest {

    @Test
    void startsOnTheNodeWithTheHighestLocationScore() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", 50)
                .location("rsc1", "node2", 200)
                .location("rsc1", "node3", 100)
                .schedule();
        assertSummary(t, "Start rsc1 (node2)");
    }

    @Test
    void locationScoresForTheSameNodeAddUp() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", 100)
                .location("rsc1", "node2", 60)
                .location("rsc1", "node2", 60)
                .schedule();
        assertSummary(t, "Start rsc1 (node2)");
    }

    @Test
    void nodeWithANegativeScoreCannotRunTheResource() {
        // Pacemaker Explained: "any node with a negative score for a resource can't run that resource".
        Transition t = cluster("node1").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", -100)
                .schedule();
        assertSummary(t);
    }

    @Test
    void negativeScoreSendsTheResourceToAnotherNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", -1)
                .schedule();
        assertSummary(t, "Start rsc1 (node2)");
    }

    @Test
    void tiedNodesGoToTheNodeWithFewerResources() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .primitive("rsc2")
                .location("rsc1", "node1", 100)
                .schedule();
        assertSummary(t, "Start rsc1 (node1)", "Start rsc2 (node2)");
    }

    @Test
    void unconstrainedResourcesSpreadOnePerNode() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .primitive("rsc1")
                .primitive("rsc2")
                .primitive("rsc3")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)", "Start rsc2 (node2)", "Start rsc3 (node3)");
    }

    @Test
    void runningResourcesCountTowardsANodesLoad() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .primitive("rsc2")
                .running("rsc1", "node2")
                .schedule();
        assertSummary(t, "Start rsc2 (node1)");
    }

    @Test
    void tiedNodesWithEqualLoadGoToTheLowestSortingNodeName() {
        // Pacemaker Explained 5.2.4: with equal scores the choice is "based on the node's uname".
        Transition t = cluster("node3", "node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }

    @Test
    void stickinessKeepsARunningResourceAgainstASmallerPreference() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("rsc1")
                .location("rsc1", "node2", 50)
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void preferenceGreaterThanStickinessMovesTheResource() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("rsc1")
                .location("rsc1", "node2", 150)
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Move rsc1 (node1 -> node2)");
    }

    @Test
    void resourceMetaStickinessOverridesTheDefault() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(0)
                .primitive("rsc1", "resource-stickiness=200")
                .location("rsc1", "node2", 150)
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void withoutStickinessARunningResourceFollowsAPreference() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node2", 1)
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Move rsc1 (node1 -> node2)");
    }

    @Test
    void minusInfinityLocationMovesARunningResourceAway() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(INFINITY)
                .primitive("rsc1")
                .ban("rsc1", "node1")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Move rsc1 (node1 -> node2)");
    }

    @Test
    void minusInfinityLocationOverridesPlusInfinityOnTheSameNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", INFINITY)
                .ban("rsc1", "node1")
                .schedule();
        assertSummary(t, "Start rsc1 (node2)");
    }

    @Test
    void resourceBannedFromEveryNodeStopsDueToNodeAvailability() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .ban("rsc1", "node1")
                .ban("rsc1", "node2")
                .running("rsc1", "node1")
                .schedule();
        assertSummary(t, "Stop rsc1 (node1) due to node availability");
    }

    @Test
    void resourceBannedFromEveryNodeIsNotStarted() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .ban("rsc1", "node1")
                .ban("rsc1", "node2")
                .schedule();
        assertSummary(t);
    }

    @Test
    void optInClusterStartsOnlyWhereAllowed() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .property("symmetric-cluster", "false")
                .primitive("rsc1")
                .primitive("rsc2")
                .location("rsc1", "node3", 10)
                .schedule();
        assertSummary(t, "Start rsc1 (node3)");
    }

    @Test
    void alreadyRunningWhereItBelongsNeedsNoAction() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", 100)
                .runningMonitored("rsc1", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void probeFindingResourceStoppedDoesNotCountAsRunning() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node2", 100)
                .probedStopped("rsc1", "node1")
                .probedStopped("rsc1", "node2")
                .schedule();
        assertSummary(t, "Start rsc1 (node2)");
    }

    @Test
    void stoppedResourceInHistoryIsStartedAgain() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("rsc1")
                .location("rsc1", "node1", 100)
                .stopped("rsc1", "node1")
                .schedule();
        assertSummary(t, "Start rsc1 (node1)");
    }
}
