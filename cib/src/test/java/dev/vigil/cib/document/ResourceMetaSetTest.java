package dev.vigil.cib.document;

import static dev.vigil.cib.document.DocumentFixture.applied;
import static dev.vigil.cib.document.DocumentFixture.byId;
import static dev.vigil.cib.document.DocumentFixture.document;
import static dev.vigil.cib.document.DocumentFixture.one;
import static dev.vigil.cib.document.DocumentFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.model.Resource;
import dev.vigil.core.port.CibChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceMetaSetTest {
    private static Resource resource(XmlCibDocument doc, String id) {
        return doc.model().resources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void createsTheMetaAttributesBlockAndPairAsCrmResourceNamesThem() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceMetaSet("db", "target-role", "Stopped"));
        XmlElement block = one(doc, "db-meta_attributes");
        assertEquals("meta_attributes", block.name());
        XmlElement pair = one(doc, "db-meta_attributes-target-role");
        assertEquals("target-role", pair.attr("name"));
        assertEquals("Stopped", pair.attr("value"));
        assertEquals("Stopped", resource(doc, "db").meta().get("target-role"));
        assertEquals(new CibVersion(0, 8, 0), doc.version(), "a configuration change bumps epoch");
    }

    @Test
    void updatesAnExistingPairInPlaceAndAddsNewOnesToTheFirstBlock() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceMetaSet("web", "resource-stickiness", "200"));
        assertEquals("200", one(doc, "web-stick").attr("value"), "the pair keeps its id");
        applied(doc, new CibChange.ResourceMetaSet("web", "target-role", "Started"));
        XmlElement block = one(doc, "web-meta");
        assertEquals(2, block.elements("nvpair").size());
        assertEquals("web-meta_attributes-target-role", block.elements("nvpair").get(1).attr("id"));
        assertTrue(byId(doc.root(), "web-meta_attributes").isEmpty(), "no second block");
    }

    @Test
    void settingTheSameValueTwiceGivesTheSameConfiguration() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceMetaSet("db", "target-role", "Stopped"));
        String once = XmlWriter.toXml(doc.root().element("configuration"));
        applied(doc, new CibChange.ResourceMetaSet("db", "target-role", "Stopped"));
        assertEquals(once, XmlWriter.toXml(doc.root().element("configuration")));
    }

    @Test
    void aNullValueDeletesTheAttributeAndDeletingAMissingOneChangesNothing() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceMetaSet("web", "resource-stickiness", null));
        assertTrue(byId(doc.root(), "web-stick").isEmpty());
        assertNull(resource(doc, "web").meta().get("resource-stickiness"));
        String before = XmlWriter.toXml(doc.root().element("configuration"));
        applied(doc, new CibChange.ResourceMetaSet("web", "resource-stickiness", null));
        assertEquals(before, XmlWriter.toXml(doc.root().element("configuration")));
    }

    @Test
    void aGroupGetsItsBlockBeforeItsMembersAndNestedPrimitivesAreFound() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, new CibChange.ResourceMetaSet("grp", "target-role", "Stopped"));
        List<XmlElement> children = one(doc, "grp").elements();
        assertEquals("meta_attributes", children.get(0).name(), "Pacemaker's schema lists meta_attributes first");
        assertEquals("Stopped", resource(doc, "grp").meta().get("target-role"));
        applied(doc, new CibChange.ResourceMetaSet("c", "is-managed", "false"));
        assertEquals("false", one(doc, "c-meta_attributes-is-managed").attr("value"));
    }

    @Test
    void anUnknownResourceIsRefusedByName() throws Exception {
        List<String> problems = refused(document(), new CibChange.ResourceMetaSet("nosuch", "target-role", "Stopped"));
        assertEquals(List.of("no resource 'nosuch' in the configuration"), problems);
    }

    @Test
    void anEmptyNameIsACallerMistake() {
        assertThrows(IllegalArgumentException.class, () -> new CibChange.ResourceMetaSet("web", " ", "x"));
    }
}
