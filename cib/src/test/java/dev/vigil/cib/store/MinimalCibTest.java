package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.validate.CibValidator;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.CibVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinimalCibTest {
    private static final Instant NOW = Instant.parse("2024-01-02T10:00:00Z");

    @Test
    void isTheDocumentANewClusterStartsFrom() {
        String expected = """
                <cib crm_feature_set="3.19.0" validate-with="pacemaker-3.10" epoch="1" num_updates="0" \
                admin_epoch="0" cib-last-written="Tue Jan  2 10:00:00 2024" dc-uuid="1">
                  <configuration>
                    <crm_config>
                      <cluster_property_set id="cib-bootstrap-options">
                        <nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="alpha&amp;beta"/>
                      </cluster_property_set>
                    </crm_config>
                    <nodes/>
                    <resources/>
                    <constraints/>
                  </configuration>
                  <status/>
                </cib>
                """;
        assertEquals(expected, XmlWriter.toXml(MinimalCib.create("alpha&beta", "1", NOW)));
    }

    @Test
    void leavesOutDcUuidWhenNotGiven() {
        assertNull(MinimalCib.create("c", null, NOW).attr("dc-uuid"));
    }

    @Test
    void readerAndValidatorAcceptItAfterARoundTrip() throws Exception {
        XmlElement cib = XmlParser.parse(XmlWriter.toXml(MinimalCib.create("prod", "1", NOW)), "minimal");
        CibReader.Result read = CibReader.read(cib);
        assertEquals(List.of(), read.problems());
        assertEquals(List.<ConfigProblem>of(), CibValidator.validate(cib));
        assertEquals(new CibVersion(0, 1, 0), read.cib().version());
        assertEquals("prod", read.cib().clusterProperties().get("cluster-name"));
    }

    @Test
    void refusesBlankClusterName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MinimalCib.create(" ", null));
        assertTrue(e.getMessage().contains("cluster name"), e.getMessage());
    }

    @Test
    void seedsResourceDefaultsThatTheReaderSees() throws Exception {
        XmlElement seeded = MinimalCib.withResourceDefaults(MinimalCib.create("prod", null, NOW),
                java.util.Map.of("resource-stickiness", "INFINITY"));
        XmlElement cib = XmlParser.parse(XmlWriter.toXml(seeded), "seeded");
        CibReader.Result read = CibReader.read(cib);
        assertEquals(List.of(), read.problems());
        assertEquals(List.<ConfigProblem>of(), CibValidator.validate(cib));
        assertEquals("INFINITY", read.cib().resourceDefaults().get("resource-stickiness"));
    }
}
