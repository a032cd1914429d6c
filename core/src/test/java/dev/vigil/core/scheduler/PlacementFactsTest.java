package dev.vigil.core.scheduler;

import static dev.vigil.core.scheduler.ClusterFixture.INFINITY;
import static dev.vigil.core.scheduler.ClusterFixture.NOW;
import static dev.vigil.core.scheduler.ClusterFixture.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.Rule;
import dev.vigil.core.model.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's inputs as {@code vigil explain} reads them. */
class PlacementFactsTest {

    @Test
    void readsNodeStatesSettingsFailCountsAndEachLocationConstraintAlone() {
        Cib cib = cluster("node1", "node2").standbyNode("node3").fencingDisabled()
                .primitive("web", "resource-stickiness=100", "migration-threshold=3")
                .location("web", "node2", 50)
                .location("web", "node2", 20)
                .ban("web", "node3")
                .running("web", "node1")
                .failCount("web", "node1", 2)
                .build();
        PlacementFacts f = PlacementFacts.of(cib, NOW);

        assertTrue(f.symmetric());
        assertTrue(f.node("node1").orElseThrow().canHost());
        PlacementFacts.NodeFact node3 = f.node("node3").orElseThrow();
        assertTrue(node3.standby() && node3.online() && !node3.canHost());
        PlacementFacts.ResourceFact web = f.resource("web").orElseThrow();
        assertEquals(100, web.stickiness());
        assertEquals(3, web.migrationThreshold());
        assertEquals(List.of("node1"), web.runningOn());
        assertEquals(Map.of("node1", 2), web.failCounts());
        assertEquals("Started", web.targetRole());
        List<String> seen = new ArrayList<>();
        for (PlacementFacts.LocationFact l : f.locations()) {
            seen.add(l.constraint() + " " + l.resource() + " " + l.node() + " " + Score.format(l.score()));
        }
        assertEquals(List.of("loc-1 web node2 50", "loc-2 web node2 20", "loc-3 web node3 -INFINITY"), seen);
    }

    @Test
    void aRuleIsEvaluatedOnEveryNodeAndNamed() {
        Cib base = cluster("node1", "node2").fencingDisabled().primitive("web")
                .attribute("node2", "rack", "r2").build();
        Rule rule = new Rule("r2-rule", Score.of(30), null, false, null,
                List.of(new Rule.AttributeExpression("e", "rack", "eq", "r2", null, null)));
        Cib cib = new Cib(base.version(), base.validateWith(), base.dcUuid(), base.haveQuorum(),
                base.clusterProperties(), base.resourceDefaults(), base.operationDefaults(), base.nodes(),
                base.resources(), List.of(new LocationConstraint("by-rack", "web", null, List.of(), null, null,
                List.of(rule), null, null)), base.fencingLevels(), base.tickets(), base.nodeStates());
        List<PlacementFacts.LocationFact> facts = PlacementFacts.of(cib, NOW).locations();
        assertEquals(List.of(new PlacementFacts.LocationFact("by-rack", "web", "node2", 30, "r2-rule", null)), facts);
    }

    @Test
    void resolvesAClonedPrimitiveToItsCloneAndListsColocations() {
        Cib cib = cluster("node1", "node2").fencingDisabled()
                .clone("ping-clone", "ping")
                .primitive("web")
                .location("ping", "node1", 10)
                .colocation("web", "ping-clone", INFINITY)
                .build();
        PlacementFacts f = PlacementFacts.of(cib, NOW);
        assertEquals("ping-clone", f.locations().get(0).resource());
        assertEquals(List.of("ping:0", "ping:1"), f.resource("ping-clone").orElseThrow().children());
        PlacementFacts.ColocationFact c = f.colocations().get(0);
        assertEquals("web ping-clone " + INFINITY, c.dependent() + " " + c.primary() + " " + c.score());
    }

    @Test
    void buildingTheFactsDoesNotChangeWhatTheSchedulerDecides() {
        ClusterFixture fixture = cluster("node1", "node2").fencingDisabled().primitive("web")
                .location("web", "node2", 50).running("web", "node1");
        Cib cib = fixture.build();
        String before = Scheduler.schedule(cib, NOW).scores().toString();
        PlacementFacts.of(cib, NOW);
        assertEquals(before, Scheduler.schedule(cib, NOW).scores().toString());
        assertFalse(PlacementFacts.of(cib, NOW).resource("web").orElseThrow().failed());
    }
}
