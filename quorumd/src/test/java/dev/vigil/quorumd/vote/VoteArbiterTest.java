package dev.vigil.quorumd.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoteArbiterTest {
    private static final Duration LEASE = Duration.ofMillis(1000);
    private static final String C = "c1";

    private final ManualClock clock = new ManualClock();
    private VoteArbiter arbiter = new VoteArbiter(ArbiterSettings.of(VotePolicy.LARGEST, LEASE), clock);

    private Decision report(String node, int id, String... members) {
        return report(C, node, id, members);
    }

    private Decision report(String cluster, String node, int id, String... members) {
        return arbiter.report(new NodeReport(cluster, node, id, Partition.of(members)));
    }

    private void pastStartupHold() {
        clock.advance(LEASE);
        arbiter.tick();
    }

    /** Runs {@code reports} just before the startup hold ends (so they are fresh), then ends it. */
    private void endStartupHoldAfter(Runnable reports) {
        clock.advance(LEASE.minusMillis(1));
        reports.run();
        clock.advanceMillis(1);
        arbiter.tick();
    }

    private void useArbiter(VotePolicy policy) {
        arbiter = new VoteArbiter(ArbiterSettings.of(policy, LEASE), clock);
    }

    @Test
    void grantsNothingDuringTheStartupHold() {
        Decision early = report("a", 1, "a");
        assertFalse(early.granted());
        assertTrue(early.reason().contains("started recently"), early.reason());
        clock.advanceMillis(999);
        assertFalse(report("a", 1, "a").granted());
        clock.advanceMillis(1);
        Decision d = report("a", 1, "a");
        assertTrue(d.granted());
        assertEquals(LEASE, d.lease());
        assertEquals(Optional.of(Partition.of("a")), d.holder());
    }

    @Test
    void largestPartitionWins() {
        endStartupHoldAfter(() -> {
            report("a", 1, "a");
            report("b", 2, "b", "c");
            report("c", 3, "b", "c");
        });
        List<VoteEvent> events = arbiter.takeEvents();
        assertEquals(List.of(new VoteEvent.Granted(C, Partition.of("b", "c"),
                "largest partition: 2 connected nodes against 1")), events);
        assertTrue(report("b", 2, "b", "c").granted());
        Decision a = report("a", 1, "a");
        assertFalse(a.granted());
        assertEquals(Optional.of(Partition.of("b", "c")), a.holder());
        assertTrue(a.reason().contains("largest partition"), a.reason());
    }

    @Test
    void tieWithoutHistoryGoesToTheLowestNodeId() {
        endStartupHoldAfter(() -> {
            report("a", 5, "a");
            report("b", 2, "b");
        });
        assertFalse(report("a", 5, "a").granted());
        Decision b = report("b", 2, "b");
        assertTrue(b.granted());
        assertEquals(List.of(new VoteEvent.Granted(C, Partition.of("b"), "tie at 1 connected node; it has the lowest"
                + " node id (2)")), arbiter.takeEvents());
    }

    @Test
    void tieGoesToThePartitionThatHeldTheVoteBefore() {
        pastStartupHold();
        assertTrue(report("a", 3, "a", "b").granted());
        assertTrue(report("b", 4, "a", "b").granted());
        // c and d have lower ids, but {a, b} held the vote.
        assertFalse(report("c", 1, "c", "d").granted());
        Decision d = report("d", 2, "c", "d");
        assertFalse(d.granted());
        assertTrue(d.reason().contains("it held the vote before"), d.reason());
        assertEquals(Optional.of(Partition.of("a", "b")), arbiter.holder(C));
    }

    @Test
    void tieGoesToAPartitionSharingAMemberWithThePreviousHolder() {
        pastStartupHold();
        report("a", 3, "a", "b");
        report("b", 4, "a", "b");
        clock.advanceMillis(100);
        // The pair splits: b is gone (its lease still runs), a sees only itself; newcomer c has a lower id.
        arbiter.disconnect(C, "b");
        assertFalse(report("a", 3, "a").granted());
        Decision c = report("c", 1, "c");
        assertFalse(c.granted());
        assertTrue(c.reason().contains("once the lease of partition {a, b} has expired"), c.reason());
        clock.advanceMillis(900); // b's lease, granted at +0, ends now
        assertTrue(report("a", 3, "a").granted());
        assertFalse(report("c", 1, "c").granted());
        assertEquals(Map.of(C, Partition.of("a")), arbiter.lineage());
    }

    @Test
    void noOtherPartitionIsGrantedBeforeTheHoldersLeaseHasExpired() {
        pastStartupHold();
        assertTrue(report("a", 1, "a").granted());
        arbiter.disconnect(C, "a"); // crashed, or its link to the server is cut: its client may still count
        clock.advanceMillis(10);
        assertFalse(report("b", 2, "b").granted());
        clock.advanceMillis(989);
        arbiter.tick();
        assertFalse(report("b", 2, "b").granted());
        assertEquals(Optional.empty(), arbiter.holder(C).filter(p -> p.contains("b")));
        clock.advanceMillis(1);
        assertTrue(report("b", 2, "b").granted());
        assertTrue(arbiter.takeEvents().contains(new VoteEvent.LeaseExpired(C, Partition.of("a"))));
    }

    @Test
    void aLargerPartitionTakesTheVoteOnlyAfterTheHoldersLeaseExpires() {
        pastStartupHold();
        assertTrue(report("a", 1, "a").granted());
        report("b", 2, "b", "c");
        report("c", 3, "b", "c");
        List<VoteEvent> events = arbiter.takeEvents();
        assertTrue(events.contains(new VoteEvent.Revoked(C, Partition.of("a"),
                "partition {b, c} is preferred (largest partition: 2 connected nodes against 1); it gets the vote once"
                        + " the leases already granted to {a} have expired")), events.toString());
        // The old holder is no longer renewed, and nobody else is granted while its lease runs.
        assertFalse(report("a", 1, "a").granted());
        assertFalse(report("b", 2, "b", "c").granted());
        clock.advanceMillis(1000);
        assertTrue(report("b", 2, "b", "c").granted());
        assertFalse(report("a", 1, "a").granted());
    }

    @Test
    void lastManStandingKeepsTheVoteWithTheHolderWhateverItsSize() {
        useArbiter(VotePolicy.LAST_MAN_STANDING);
        pastStartupHold();
        assertTrue(report("a", 5, "a").granted());
        report("b", 1, "b", "c", "d");
        report("c", 2, "b", "c", "d");
        report("d", 3, "b", "c", "d");
        for (int round = 0; round < 4; round++) {
            clock.advanceMillis(500);
            assertTrue(report("a", 5, "a").granted());
            report("c", 2, "b", "c", "d");
            report("d", 3, "b", "c", "d");
            Decision b = report("b", 1, "b", "c", "d");
            assertFalse(b.granted());
            assertTrue(b.reason().contains("last man standing"), b.reason());
        }
    }

    @Test
    void lastManStandingFollowsASurvivingMemberOfTheHolder() {
        useArbiter(VotePolicy.LAST_MAN_STANDING);
        pastStartupHold();
        report("a", 1, "a", "b", "c");
        report("b", 2, "a", "b", "c");
        report("c", 3, "a", "b", "c");
        report("d", 4, "d", "e");
        report("e", 5, "d", "e");
        arbiter.disconnect(C, "a");
        arbiter.disconnect(C, "b");
        clock.advanceMillis(500);
        report("d", 4, "d", "e");
        report("e", 5, "d", "e");
        assertFalse(report("c", 3, "c").granted()); // a's and b's leases still run
        clock.advanceMillis(500);
        report("d", 4, "d", "e");
        assertTrue(report("c", 3, "c").granted());
        assertFalse(report("e", 5, "d", "e").granted());
    }

    @Test
    void largestPolicyGivesTheSameSituationToTheBiggerPartition() {
        pastStartupHold();
        report("a", 1, "a", "b", "c");
        report("b", 2, "a", "b", "c");
        report("c", 3, "a", "b", "c");
        report("d", 4, "d", "e");
        report("e", 5, "d", "e");
        arbiter.disconnect(C, "a");
        arbiter.disconnect(C, "b");
        clock.advanceMillis(500);
        report("c", 3, "c");
        report("d", 4, "d", "e");
        report("e", 5, "d", "e");
        clock.advanceMillis(500);
        assertTrue(report("d", 4, "d", "e").granted());
        assertFalse(report("c", 3, "c").granted());
    }

    @Test
    void aNodeReportingANewPartitionReleasesItsLeaseAtOnce() {
        pastStartupHold();
        report("a", 1, "a", "b");
        report("b", 2, "a", "b");
        clock.advanceMillis(100);
        // Both ends saw the split and told the server: nobody holds the old lease any more.
        report("b", 2, "b");
        assertTrue(report("a", 1, "a").granted());
        assertFalse(report("b", 2, "b").granted());
    }

    @Test
    void aSilentNodeStopsCountingAndItsLeaseRunsOut() {
        pastStartupHold();
        assertTrue(report("a", 1, "a", "b").granted());
        report("b", 2, "b");
        assertFalse(report("b", 2, "b").granted());
        clock.advanceMillis(1000); // a still connected, but silent for a whole lease
        assertTrue(report("b", 2, "b").granted());
    }

    @Test
    void aRestartedArbiterGrantsNothingForOneLeaseThenRemembersTheHolder() {
        Map<String, Partition> lineage = Map.of(C, Partition.of("x", "y"));
        arbiter = new VoteArbiter(ArbiterSettings.of(VotePolicy.LARGEST, LEASE), clock, lineage);
        report("a", 1, "a");
        report("x", 7, "x");
        clock.advanceMillis(999);
        assertFalse(report("x", 7, "x").granted());
        assertFalse(report("a", 1, "a").granted());
        clock.advanceMillis(1);
        // Tie at one node: x shares a member with the remembered holder {x, y}; a's lower id does not matter.
        assertTrue(report("x", 7, "x").granted());
        assertFalse(report("a", 1, "a").granted());
    }

    @Test
    void startupHoldCoversALongerLeaseOfThePreviousRun() {
        arbiter = new VoteArbiter(ArbiterSettings.of(VotePolicy.LARGEST, LEASE).withStartupHold(Duration.ofSeconds(5)),
                clock);
        clock.advanceMillis(4999);
        assertFalse(report("a", 1, "a").granted());
        clock.advanceMillis(1);
        assertTrue(report("a", 1, "a").granted());
    }

    @Test
    void clustersAreIndependent() {
        pastStartupHold();
        assertTrue(report("red", "a", 1, "a").granted());
        assertTrue(report("blue", "b", 2, "b").granted());
        assertFalse(report("blue", "a", 1, "a").granted());
        arbiter.disconnect("red", "a");
        clock.advanceMillis(500);
        assertTrue(report("blue", "b", 2, "b").granted());
        assertEquals(Optional.of(Partition.of("a")), arbiter.holder("red"));
        assertEquals(Optional.of(Partition.of("b")), arbiter.holder("blue"));
        assertEquals(Optional.empty(), arbiter.holder("green"));
    }

    @Test
    void aNodeCountsOnlyInThePartitionItReportsItself() {
        // a claims b and c, but they report their own partition: {a, b, c} has one reporter.
        endStartupHoldAfter(() -> {
            report("a", 1, "a", "b", "c");
            report("b", 2, "b", "d");
            report("d", 4, "b", "d");
            report("c", 3, "c");
        });
        assertTrue(report("b", 2, "b", "d").granted());
        assertFalse(report("a", 1, "a", "b", "c").granted());
    }

    @Test
    void aStaleViewDoesNotDisplaceTheHolder() {
        pastStartupHold();
        assertTrue(report("a", 1, "a").granted());
        // b and c list d, who reports otherwise: their membership has not settled.
        report("d", 4, "d");
        report("b", 2, "b", "c", "d");
        report("c", 3, "b", "c", "d");
        assertTrue(report("a", 1, "a").granted());
        assertTrue(arbiter.takeEvents().stream().noneMatch(e -> e instanceof VoteEvent.Revoked));
        // Once d agrees, the larger partition is preferred (after a's lease).
        report("d", 4, "b", "c", "d");
        assertFalse(report("a", 1, "a").granted());
        clock.advanceMillis(1000);
        assertTrue(report("d", 4, "b", "c", "d").granted());
    }

    @Test
    void aReportMustIncludeTheReporter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeReport(C, "a", 1, Partition.of("b", "c")));
        assertTrue(e.getMessage().contains("does not contain itself"), e.getMessage());
    }

    @Test
    void partitionsAreSortedSetsOfNames() {
        assertEquals(Partition.of("a", "b"), Partition.of("b", "a", "b"));
        assertEquals("{a, b}", Partition.of("b", "a").toString());
        assertThrows(IllegalArgumentException.class, () -> Partition.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Partition(List.of("b", "a")));
    }

    @Test
    void policiesParseTheirCommandLineNames() {
        assertEquals(VotePolicy.LARGEST, VotePolicy.parse("largest"));
        assertEquals(VotePolicy.LAST_MAN_STANDING, VotePolicy.parse("Last-Man-Standing"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VotePolicy.parse("most"));
        assertTrue(e.getMessage().contains("largest, last-man-standing"), e.getMessage());
    }
}
