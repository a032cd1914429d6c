package dev.vigil.cib.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundTripTest {
    private static final String CIB = """
            <cib validate-with="pacemaker-3.9" epoch="7" admin_epoch="0" num_updates="3" x-vendor="acme">
              <!-- maintained by hand: keep the vendor block -->
              <configuration>
                <resources>
                  <primitive type="Dummy" id="d1" provider="pacemaker" class="ocf" x-note="a &lt; b &amp; &quot;c&quot;">
                    <vendor-hint level="3">prefer  fast disks</vendor-hint>
                  </primitive>
                  <!-- second resource -->
                  <group id="g1">
                    <primitive id="g1-a" class="lsb" type="a"/>
                    <primitive id="g1-b" class="lsb" type="b"/>
                  </group>
                </resources>
                <crm_config>
                  <cluster_property_set id="opts">
                    <nvpair id="opts-1" name="stonith-enabled" value="false"/>
                  </cluster_property_set>
                </crm_config>
                <unknown-section foo="bar" multi="line&#10;two&#9;tab">
                  <child/>
                </unknown-section>
              </configuration>
              <status/>
            </cib>
            """;

    @Test
    void writerOutputReparsesToTheSameTree() throws Exception {
        XmlElement original = XmlParser.parse(CIB, "in.xml");
        String written = XmlWriter.toXml(original);
        XmlElement again = XmlParser.parse(written, "out.xml");
        assertSameTree(original, again, "/");
        // and a second round trip is stable text
        assertEquals(written, XmlWriter.toXml(again));
    }

    @Test
    void keepsUnknownThingsAndOrder() throws Exception {
        XmlElement root = XmlParser.parse(XmlWriter.toXml(XmlParser.parse(CIB, "in.xml")), "out.xml");
        assertEquals(List.of("validate-with", "epoch", "admin_epoch", "num_updates", "x-vendor"),
                new ArrayList<>(root.attributes().keySet()));
        assertTrue(root.children().get(0) instanceof XmlComment c
                && c.text().contains("keep the vendor block"), "leading comment kept");
        XmlElement conf = root.element("configuration");
        assertEquals(List.of("resources", "crm_config", "unknown-section"),
                conf.elements().stream().map(XmlElement::name).toList());
        XmlElement d1 = conf.element("resources").element("primitive");
        assertEquals(List.of("type", "id", "provider", "class", "x-note"),
                new ArrayList<>(d1.attributes().keySet()));
        assertEquals("a < b & \"c\"", d1.attr("x-note"));
        assertEquals("prefer  fast disks", d1.element("vendor-hint").text());
        assertEquals("line\ntwo\ttab", conf.element("unknown-section").attr("multi"));
    }

    /** Element names, attributes (order and values), and children (order, kind, content) are equal. */
    private static void assertSameTree(XmlElement a, XmlElement b, String path) {
        String here = path + a.name();
        assertEquals(a.name(), b.name(), here);
        assertEquals(List.copyOf(a.attributes().entrySet()).stream().map(Map.Entry::toString).toList(),
                List.copyOf(b.attributes().entrySet()).stream().map(Map.Entry::toString).toList(),
                "attributes of " + here);
        assertEquals(a.children().size(), b.children().size(), "children of " + here);
        for (int i = 0; i < a.children().size(); i++) {
            XmlNode x = a.children().get(i);
            XmlNode y = b.children().get(i);
            String at = here + "[" + i + "]";
            if (x instanceof XmlElement ex && y instanceof XmlElement ey) {
                assertSameTree(ex, ey, here + "/");
            } else if (x instanceof XmlText tx && y instanceof XmlText ty) {
                assertEquals(tx.text().strip(), ty.text().strip(), "text at " + at);
            } else if (x instanceof XmlComment cx && y instanceof XmlComment cy) {
                assertEquals(cx.text(), cy.text(), "comment at " + at);
            } else {
                fail("different node kinds at " + at + ": " + x + " vs " + y);
            }
        }
    }
}
