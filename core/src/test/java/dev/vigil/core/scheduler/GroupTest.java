package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static dev.vigil.core.scheduler.SummaryAssert.assertSummary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups: members on one node, started in order, each needing the ones before it. */
class GroupTest {

    @Test
    void membersStartInOrderOnOneNode() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b", "c")
                .schedule();
        assertSummary(t, "Start a (node1)", "Start b (node1)", "Start c (node1)");
        List<String> starts = t.actions().stream()
                .filter(a -> "start".equals(a.task()) && "resource".equals(a.kind()))
                .map(PlannedAction::resource)
                .toList();
        assertEquals(List.of("a", "b", "c"), starts, "start actions in group order");
    }

    @Test
    void groupGoesWhereTheMembersPreferencesAddUpHighest() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b")
                .location("a", "node1", 50)
                .location("b", "node2", 60)
                .location("b", "node1", 20)
                .schedule();
        assertSummary(t, "Start a (node1)", "Start b (node1)");
    }

    @Test
    void locationOnTheGroupPlacesEveryMember() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b")
                .location("grp", "node2", 100)
                .schedule();
        assertSummary(t, "Start a (node2)", "Start b (node2)");
    }

    @Test
    void laterMemberCannotRunWithoutTheEarlierOne() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b", "c")
                .ban("b", "node1")
                .ban("b", "node2")
                .schedule();
        assertSummary(t, "Start a (node1)");
    }

    @Test
    void stoppingAnEarlierMemberStopsTheMembersAfterIt() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b", "c")
                .meta("b", "target-role", "Stopped")
                .running("a", "node1")
                .running("b", "node1")
                .running("c", "node1")
                .schedule();
        assertSummary(t,
                "Stop b (node1) due to node availability",
                "Stop c (node1) due to node availability");
    }

    @Test
    void firstMemberThatCannotRunAnywhereStopsTheWholeGroup() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b")
                .ban("a", "node1")
                .ban("a", "node2")
                .running("a", "node1")
                .running("b", "node1")
                .schedule();
        assertSummary(t,
                "Stop a (node1) due to node availability",
                "Stop b (node1) due to node availability");
    }

    @Test
    void groupTargetRoleStoppedStopsAllMembers() {
        Transition t = cluster("node1").fencingDisabled()
                .group("grp", "a", "b")
                .meta("grp", "target-role", "Stopped")
                .running("a", "node1")
                .running("b", "node1")
                .schedule();
        assertSummary(t,
                "Stop a (node1) due to node availability",
                "Stop b (node1) due to node availability");
    }

    @Test
    void banOnAMemberMovesTheWholeGroup() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .group("grp", "a", "b")
                .ban("b", "node1")
                .running("a", "node1")
                .running("b", "node1")
                .schedule();
        assertSummary(t, "Move a (node1 -> node2)", "Move b (node1 -> node2)");
    }

    @Test
    void stickinessOfAllMembersKeepsTheGroupInPlace() {
        // Pacemaker Explained 10.1.6: stickiness is additive in groups, so two active members with
        // stickiness 100 each hold the group with 200 against a group preference of 150 for node2
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .group("grp", "a", "b")
                .location("grp", "node2", 150)
                .running("a", "node1")
                .running("b", "node1")
                .schedule();
        assertSummary(t);
    }

    @Test
    void groupPreferenceGreaterThanTheMembersTotalStickinessMovesTheGroup() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .group("grp", "a", "b")
                .location("grp", "node2", 250)
                .running("a", "node1")
                .running("b", "node1")
                .schedule();
        assertSummary(t, "Move a (node1 -> node2)", "Move b (node1 -> node2)");
    }

    @Test
    void partiallyRunningGroupStartsTheMissingMembersWhereTheFirstRuns() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .stickiness(100)
                .group("grp", "a", "b", "c")
                .running("a", "node2")
                .schedule();
        assertSummary(t, "Start b (node2)", "Start c (node2)");
    }

    @Test
    void resourceColocatedWithAGroupFollowsIt() {
        Transition t = cluster("node1", "node2").fencingDisabled()
                .group("grp", "a", "b")
                .primitive("rsc1")
                .location("grp", "node2", 100)
                .colocation("rsc1", "grp", INFINITY)
                .schedule();
        assertSummary(t, "Start a (node2)", "Start b (node2)", "Start rsc1 (node2)");
    }
}
