package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;

import org.junit.jupiter.api.Test;

/** Colocation constraints (placement relative to another resource) and ordering constraints. */
class ColocationAndOrderingTest {

    // ---- colocation ---------------------------------------------------------------------------------

    @Test
    void infiniteColocationPlacesTheDependentWithThePrimary() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .location("primary", "node2", 100)
                .colocation("dependent", "primary", INFINITY)
                .schedule();
        assertSummary(t, "Start primary (node2)", "Start dependent (node2)");
    }

    @Test
    void infiniteColocationOverridesTheDependentsOwnPreference() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .location("primary", "node2", 500)
                .location("dependent", "node1", 100)
                .colocation("dependent", "primary", INFINITY)
                .schedule();
        assertSummary(t, "Start primary (node2)", "Start dependent (node2)");
    }

    @Test
    void dependentFollowsAMovingPrimary() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .ban("primary", "node1")
                .colocation("dependent", "primary", INFINITY)
                .running("primary", "node1")
                .running("dependent", "node1")
                .schedule();
        assertSummary(t, "Move primary (node1 -> node2)", "Move dependent (node1 -> node2)");
    }

    @Test
    void dependentCannotRunWhenThePrimaryCannot() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary", "target-role=Stopped")
                .primitive("dependent")
                .colocation("dependent", "primary", INFINITY)
                .running("primary", "node1")
                .running("dependent", "node1")
                .schedule();
        assertSummary(t,
                "Stop primary (node1) due to node availability",
                "Stop dependent (node1) due to node availability");
    }

    @Test
    void primaryDoesNotNeedTheDependent() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent", "target-role=Stopped")
                .colocation("dependent", "primary", INFINITY)
                .schedule();
        assertSummary(t, "Start primary (node1)");
    }

    @Test
    void minusInfinityColocationKeepsResourcesApart() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .location("primary", "node1", 200)
                .location("dependent", "node1", 100)
                .colocation("dependent", "primary", -INFINITY)
                .schedule();
        assertSummary(t, "Start primary (node1)", "Start dependent (node2)");
    }

    @Test
    void minusInfinityColocationStopsTheDependentWhenNoOtherNodeIsLeft() {
        Transition t = cluster("node1").offlineNode("node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .colocation("dependent", "primary", -INFINITY)
                .running("primary", "node1")
                .running("dependent", "node1")
                .schedule();
        assertSummary(t, "Stop dependent (node1) due to node availability");
    }

    @Test
    void finitePositiveColocationIsOnlyAPreference() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .location("primary", "node1", 100)
                .location("dependent", "node2", 500)
                .colocation("dependent", "primary", 200)
                .schedule();
        assertSummary(t, "Start primary (node1)", "Start dependent (node2)");
    }

    @Test
    void finitePositiveColocationWinsOverASmallerPreference() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .location("primary", "node1", 100)
                .location("dependent", "node2", 50)
                .colocation("dependent", "primary", 200)
                .schedule();
        assertSummary(t, "Start primary (node1)", "Start dependent (node1)");
    }

    @Test
    void primaryTakesAnInfinitelyColocatedDependentsPreferenceIntoAccount() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary")
                .primitive("dependent")
                .location("dependent", "node2", 500)
                .colocation("dependent", "primary", INFINITY)
                .schedule();
        assertSummary(t, "Start primary (node2)", "Start dependent (node2)");
    }

    @Test
    void minusInfinityColocationWithAStoppedPrimaryDoesNotRestrictTheDependent() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("primary", "target-role=Stopped")
                .primitive("dependent")
                .location("dependent", "node1", 10)
                .colocation("dependent", "primary", -INFINITY)
                .schedule();
        assertSummary(t, "Start dependent (node1)");
    }

    @Test
    void colocationChainsKeepEveryResourceTogether() {
        Transition t = cluster("node1", "node2", "node3").fencingDisabled()
                .primitive("a")
                .primitive("b")
                .primitive("c")
                .location("a", "node3", 100)
                .colocation("b", "a", INFINITY)
                .colocation("c", "b", INFINITY)
                .schedule();
        assertSummary(t, "Start a (node3)", "Start b (node3)", "Start c (node3)");
    }

    // ---- ordering -----------------------------------------------------------------------------------

    @Test
    void mandatoryOrderRestartsTheDependentWhenTheFirstMoves() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("first")
                .primitive("then")
                .ban("first", "node1")
                .order("first", "then")
                .running("first", "node1")
                .running("then", "node2")
                .schedule();
        assertSummary(t,
                "Move first (node1 -> node2)",
                "Restart then (node2) due to required first start");
    }

    @Test
    void mandatoryOrderStopsTheDependentWhenTheFirstCannotRun() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("first", "target-role=Stopped")
                .primitive("then")
                .order("first", "then")
                .running("first", "node1")
                .running("then", "node2")
                .schedule();
        assertSummary(t,
                "Stop first (node1) due to node availability",
                "Stop then (node2) due to unrunnable first start");
    }

    @Test
    void mandatoryOrderKeepsTheDependentFromStartingWhenTheFirstCannotRun() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("first")
                .primitive("then")
                .ban("first", "node1")
                .ban("first", "node2")
                .order("first", "then")
                .schedule();
        assertSummary(t, "Start then (node1) due to unrunnable first start (blocked)");
    }

    @Test
    void mandatoryOrderRestartsTheDependentWhenTheFirstRecovers() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("first")
                .primitive("then")
                .order("first", "then")
                .failedMonitor("first", "node1")
                .running("then", "node2")
                .schedule();
        assertSummary(t,
                "Recover first (node1)",
                "Restart then (node2) due to required first start");
    }

    @Test
    void optionalOrderDoesNotRestartTheDependent() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .primitive("first")
                .primitive("then")
                .ban("first", "node1")
                .order("first", "start", "then", "start", "Optional", true)
                .running("first", "node1")
                .running("then", "node2")
                .schedule();
        assertSummary(t, "Move first (node1 -> node2)");
    }

    @Test
    void optionalOrderLetsTheDependentStartWhenTheFirstCannot() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("first", "target-role=Stopped")
                .primitive("then")
                .order("first", "start", "then", "start", "Optional", true)
                .running("then", "node2")
                .schedule();
        assertSummary(t);
    }

    @Test
    void mandatoryOrderDoesNotTouchTheFirstWhenOnlyTheDependentMoves() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("first")
                .primitive("then")
                .ban("then", "node2")
                .order("first", "then")
                .running("first", "node1")
                .running("then", "node2")
                .schedule();
        assertSummary(t, "Move then (node2 -> node1)");
    }

    @Test
    void colocatedAndOrderedDependentRestartsWithItsPrimaryOnTheNewNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .primitive("ip")
                .primitive("web")
                .colocation("web", "ip", INFINITY)
                .order("ip", "web")
                .ban("ip", "node1")
                .running("ip", "node1")
                .running("web", "node1")
                .schedule();
        assertSummary(t, "Move ip (node1 -> node2)", "Move web (node1 -> node2)");
    }
}
