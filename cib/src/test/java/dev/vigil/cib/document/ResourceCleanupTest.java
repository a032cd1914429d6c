package dev.vigil.cib.document;

import static dev.vigil.cib.document.DocumentFixture.applied;
import static dev.vigil.cib.document.DocumentFixture.document;
import static dev.vigil.cib.document.DocumentFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.ResourceHistory;
import dev.vigil.core.port.CibChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceCleanupTest {
    private static List<String> history(XmlCibDocument doc, String node) {
        return state(doc, node).history().stream().map(ResourceHistory::id).toList();
    }

    private static NodeState state(XmlCibDocument doc, String node) {
        return doc.model().nodeStates().stream().filter(n -> n.uname().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void forgetsAPrimitivesHistoryAndFailuresOnEveryNode() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceCleanup("web", null));
        assertEquals(List.of("db", "a", "b", "c:0", "old"), history(doc, "node1"));
        assertEquals(List.of("c"), history(doc, "node2"));
        Map<String, String> attrs = state(doc, "node1").transientAttributes();
        assertEquals(Map.of("fail-count-db#start_0", "INFINITY", "fail-count-c:0#monitor_10000", "2",
                "pingd", "100"), attrs);
        assertEquals(new CibVersion(0, 7, 4), doc.version(), "a status change bumps num_updates only");
    }

    @Test
    void onOneNodeLeavesTheOthersAlone() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceCleanup("web", "node2"));
        assertEquals(List.of("web", "db", "a", "b", "c:0", "old"), history(doc, "node1"));
        assertEquals(List.of("c"), history(doc, "node2"));
        assertTrue(state(doc, "node1").transientAttributes().containsKey("fail-count-web#monitor_10000"));
    }

    @Test
    void aCloneCoversItsNumberedAndAnonymousInstancesAndAGroupItsMembers() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceCleanup("cl", null));
        assertEquals(List.of("web", "db", "a", "b", "old"), history(doc, "node1"));
        assertEquals(List.of("web"), history(doc, "node2"));
        assertTrue(!state(doc, "node1").transientAttributes().containsKey("fail-count-c:0#monitor_10000"));
        applied(doc, new CibChange.ResourceCleanup("grp", "node1"));
        assertEquals(List.of("web", "db", "old"), history(doc, "node1"));
    }

    @Test
    void withoutAResourceOnlyFailedResourcesAreCleanedUp() throws Exception {
        XmlCibDocument doc = document();
        StatusCleanup.Plan plan = StatusCleanup.plan(doc.root(), null, null);
        assertEquals(Map.of("node1", List.of("web", "db", "c:0")), plan.history());
        assertEquals(Map.of("node1", List.of("fail-count-c:0#monitor_10000", "fail-count-db#start_0",
                "fail-count-web#monitor_10000", "last-failure-web#monitor_10000")), plan.attributes());
        applied(doc, new CibChange.ResourceCleanup(null, null));
        assertEquals(List.of("a", "b", "old"), history(doc, "node1"));
        assertEquals(List.of("web", "c"), history(doc, "node2"));
        assertEquals(Map.of("pingd", "100"), state(doc, "node1").transientAttributes());
    }

    @Test
    void anOrphanStillInTheStatusCanBeCleanedUp() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceCleanup("old", null));
        assertEquals(List.of("web", "db", "a", "b", "c:0"), history(doc, "node1"));
    }

    @Test
    void cleaningUpTwiceOrWhereThereIsNothingSucceeds() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceCleanup("web", null));
        applied(doc, new CibChange.ResourceCleanup("web", null));
        assertTrue(StatusCleanup.plan(doc.root(), "web", null).isEmpty());
        applied(doc, new CibChange.ResourceCleanup("db", "node3"));
    }

    @Test
    void unknownResourcesAndNodesAreRefusedByName() throws Exception {
        assertEquals(List.of("no resource 'nosuch' in the configuration"),
                refused(document(), new CibChange.ResourceCleanup("nosuch", null)));
        assertEquals(List.of("no node 'node9' in the cluster"),
                refused(document(), new CibChange.ResourceCleanup("web", "node9")));
    }
}
