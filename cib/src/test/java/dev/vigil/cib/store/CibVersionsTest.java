package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.model.CibVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class CibVersionsTest {
    private static XmlElement cib(String attributes) throws Exception {
        return XmlParser.parse("<cib " + attributes + "><configuration/></cib>", "test");
    }

    @Test
    void readsVersionFromRootAttributes() throws Exception {
        assertEquals(new CibVersion(2, 41, 7), CibVersions.of(cib("admin_epoch=\"2\" epoch=\"41\" num_updates=\"7\"")));
    }

    @Test
    void missingAttributesCountAsZero() throws Exception {
        assertEquals(new CibVersion(0, 3, 0), CibVersions.of(cib("epoch=\"3\"")));
    }

    @Test
    void malformedAttributeIsRefusedNamingItAndItsValue() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CibVersions.of(cib("epoch=\"twelve\"")));
        assertTrue(e.getMessage().contains("epoch=\"twelve\""), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CibVersions.of(cib("num_updates=\"-1\"")));
    }

    @Test
    void rootMustBeCib() throws Exception {
        XmlElement other = XmlParser.parse("<configuration/>", "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CibVersions.of(other));
        assertTrue(e.getMessage().contains("<configuration>"), e.getMessage());
    }

    @Test
    void comparesAdminEpochThenEpochThenNumUpdates() throws Exception {
        XmlElement a = cib("admin_epoch=\"1\" epoch=\"1\" num_updates=\"0\"");
        XmlElement b = cib("admin_epoch=\"0\" epoch=\"99\" num_updates=\"99\"");
        XmlElement c = cib("admin_epoch=\"0\" epoch=\"99\" num_updates=\"100\"");
        XmlElement d = cib("admin_epoch=\"0\" epoch=\"100\" num_updates=\"0\"");
        assertTrue(CibVersions.isNewer(a, b));
        assertTrue(CibVersions.isNewer(c, b));
        assertTrue(CibVersions.isNewer(d, c));
        assertFalse(CibVersions.isNewer(b, b));
        assertEquals(0, CibVersions.compare(b, cib("epoch=\"99\" num_updates=\"99\"")));
        assertTrue(CibVersions.compare(b, a) < 0);
    }

    @Test
    void bumpEpochResetsNumUpdatesAndKeepsOtherAttributes() throws Exception {
        XmlElement before = cib("validate-with=\"pacemaker-3.10\" admin_epoch=\"1\" epoch=\"5\" num_updates=\"9\"");
        XmlElement after = CibVersions.bumpEpoch(before);
        assertEquals(new CibVersion(1, 6, 0), CibVersions.of(after));
        assertEquals(new CibVersion(1, 5, 9), CibVersions.of(before), "the original is unchanged");
        assertEquals(List.of("validate-with", "admin_epoch", "epoch", "num_updates"),
                List.copyOf(after.attributes().keySet()));
        assertEquals(before.children(), after.children());
    }

    @Test
    void bumpNumUpdatesKeepsEpoch() throws Exception {
        XmlElement after = CibVersions.bumpNumUpdates(cib("admin_epoch=\"0\" epoch=\"5\" num_updates=\"9\""));
        assertEquals(new CibVersion(0, 5, 10), CibVersions.of(after));
    }

    @Test
    void bumpAddsMissingAttributes() throws Exception {
        assertEquals(new CibVersion(0, 0, 1), CibVersions.of(CibVersions.bumpNumUpdates(cib(""))));
    }
}
