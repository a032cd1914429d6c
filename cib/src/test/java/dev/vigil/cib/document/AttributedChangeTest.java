package dev.vigil.cib.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.CibChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributedChangeTest {
    @Test
    void aChangeRecordsWhoMadeItAndIsRefusedWhenTheConfigurationMovedOn() throws Exception {
        XmlCibDocument doc = DocumentFixture.document();
        String read = doc.version().adminEpoch() + "." + doc.version().epoch();
        List<String> problems = doc.apply(new CibChange.Attributed(new CibChange.ResourceMetaSet("web", "target-role",
                "Stopped"), "alice", "vigil resource stop web", "node2", read));
        assertEquals(List.of(), problems);
        assertEquals("alice", doc.root().attr("update-user"));
        assertEquals("vigil resource stop web", doc.root().attr("update-client"));
        assertEquals("node2", doc.root().attr("update-origin"));

        String xml = doc.toXml();
        List<String> stale = doc.apply(new CibChange.Attributed(new CibChange.ConfigurationReplaced(xml), "bob",
                "vigil configure edit", "node1", read));
        assertEquals(1, stale.size());
        assertTrue(stale.get(0).contains("changed since it was read"), stale.get(0));
        assertEquals("alice", doc.root().attr("update-user"), "nothing changed");
    }
}
