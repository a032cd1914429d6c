package dev.vigil.cib.document;

import static dev.vigil.cib.document.DocumentFixture.applied;
import static dev.vigil.cib.document.DocumentFixture.byId;
import static dev.vigil.cib.document.DocumentFixture.document;
import static dev.vigil.cib.document.DocumentFixture.one;
import static dev.vigil.cib.document.DocumentFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.NodeConfig;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeConfigAttributeSetTest {
    private static NodeConfig node(XmlCibDocument doc, String uname) {
        return doc.model().nodes().stream().filter(n -> n.uname().equals(uname)).findFirst().orElseThrow();
    }

    @Test
    void standbyIsAPermanentNodeAttributeWithCrmAttributesIds() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.NodeConfigAttributeSet("node1", "standby", "on"));
        XmlElement set = one(doc, "nodes-node1");
        assertEquals("instance_attributes", set.name());
        assertEquals("on", one(doc, "nodes-node1-standby").attr("value"));
        assertEquals("on", node(doc, "node1").attributes().get("standby"));
        assertEquals(new CibVersion(0, 8, 0), doc.version());
        List<ClusterView.NodeEntry> nodes = Scheduler.schedule(doc.model(), Instant.parse("2024-05-01T12:00:00Z"))
                .before().nodes();
        assertTrue(nodes.contains(new ClusterView.NodeEntry("node1", "standby")), nodes.toString());
    }

    @Test
    void aNodeWithAttributesGetsThePairInItsExistingBlockAndUpdatesInPlace() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.NodeConfigAttributeSet("node2", "standby", "on"));
        assertEquals(2, one(doc, "node2-attrs").elements("nvpair").size());
        assertEquals("nodes-node2-standby", one(doc, "node2-attrs").elements("nvpair").get(1).attr("id"));
        applied(doc, new CibChange.NodeConfigAttributeSet("node2", "standby", "off"));
        assertEquals("off", one(doc, "nodes-node2-standby").attr("value"));
        assertEquals(2, one(doc, "node2-attrs").elements("nvpair").size(), "updated, not added");
        assertEquals("off", node(doc, "node2").attributes().get("standby"));
    }

    @Test
    void settingTwiceIsIdempotentAndANullValueDeletes() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.NodeConfigAttributeSet("node1", "standby", "on"));
        String once = XmlWriter.toXml(doc.root().element("configuration"));
        applied(doc, new CibChange.NodeConfigAttributeSet("node1", "standby", "on"));
        assertEquals(once, XmlWriter.toXml(doc.root().element("configuration")));
        applied(doc, new CibChange.NodeConfigAttributeSet("node1", "standby", null));
        assertTrue(byId(doc.root(), "nodes-node1-standby").isEmpty());
        assertEquals(null, node(doc, "node1").attributes().get("standby"));
    }

    @Test
    void aNodeKnownOnlyFromTheStatusGetsItsNodeEntry() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.NodeConfigAttributeSet("node3", "standby", "on"));
        XmlElement nodes = doc.root().element("configuration").element("nodes");
        XmlElement node3 = nodes.elements("node").get(2);
        assertEquals("node3", node3.attr("id"));
        assertEquals("node3", node3.attr("uname"));
        assertEquals("on", node(doc, "node3").attributes().get("standby"));
    }

    @Test
    void anUnknownNodeIsRefusedByName() throws Exception {
        List<String> problems = refused(document(), new CibChange.NodeConfigAttributeSet("node9", "standby", "on"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("no node 'node9' in the cluster"), problems.get(0));
    }
}
