package dev.vigil.cib.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.port.CibChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A small live CIB (two nodes; a primitive, a group, a clone; history and fail counts) and lookups. */
final class DocumentFixture {
    static final String CIB = """
            <cib epoch="7" num_updates="3" admin_epoch="0" validate-with="pacemaker-3.10">
              <configuration>
                <crm_config><cluster_property_set id="opts">
                  <nvpair id="o1" name="stonith-enabled" value="false"/>
                </cluster_property_set></crm_config>
                <nodes>
                  <node id="node1" uname="node1"/>
                  <node id="node2" uname="node2"><instance_attributes id="node2-attrs">
                    <nvpair id="node2-rack" name="rack" value="r2"/>
                  </instance_attributes></node>
                </nodes>
                <resources>
                  <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                    <meta_attributes id="web-meta">
                      <nvpair id="web-stick" name="resource-stickiness" value="100"/>
                    </meta_attributes>
                  </primitive>
                  <primitive id="db" class="ocf" provider="heartbeat" type="Dummy"/>
                  <group id="grp">
                    <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
                    <primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/>
                  </group>
                  <clone id="cl">
                    <primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/>
                  </clone>
                </resources>
                <constraints>
                  <rsc_location id="loc-db" rsc="db" node="node1" score="50"/>
                </constraints>
              </configuration>
              <status>
                <node_state id="node1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
                  <transient_attributes id="node1"><instance_attributes id="status-node1">
                    <nvpair id="s1-fc-web" name="fail-count-web#monitor_10000" value="1"/>
                    <nvpair id="s1-lf-web" name="last-failure-web#monitor_10000" value="1700000100"/>
                    <nvpair id="s1-fc-db" name="fail-count-db#start_0" value="INFINITY"/>
                    <nvpair id="s1-fc-c" name="fail-count-c:0#monitor_10000" value="2"/>
                    <nvpair id="s1-ping" name="pingd" value="100"/>
                  </instance_attributes></transient_attributes>
                  <lrm id="node1"><lrm_resources>
                    %s
                    %s
                    %s
                    %s
                    %s
                    %s
                  </lrm_resources></lrm>
                </node_state>
                <node_state id="node2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member">
                  <lrm id="node2"><lrm_resources>
                    %s
                    %s
                  </lrm_resources></lrm>
                </node_state>
                <node_state id="node3" uname="node3" in_ccm="false" crmd="offline" join="down" expected="down"/>
              </status>
            </cib>
            """.formatted(
                    rsc("web", op("web", "start", 0, 0, "node1"),
                            op("web", "monitor", 10000, 7, "node1", "web_last_failure_0")),
                    rsc("db", op("db", "start", 0, 1, "node1"), op("db", "start", 0, 1, "node1", "db_last_failure_0")),
                    rsc("a", op("a", "start", 0, 0, "node1")),
                    rsc("b", op("b", "start", 0, 0, "node1")),
                    rsc("c:0", op("c:0", "start", 0, 0, "node1")),
                    rsc("old", op("old", "stop", 0, 0, "node1")),
                    rsc("web", op("web", "monitor", 0, 7, "node2")),
                    rsc("c", op("c", "start", 0, 0, "node2")));

    private DocumentFixture() {
    }

    private static String op(String rsc, String operation, long interval, int rc, String node) {
        return op(rsc, operation, interval, rc, node, rsc + "_last_0");
    }

    private static String op(String rsc, String operation, long interval, int rc, String node, String id) {
        String key = rsc + "_" + operation + "_" + interval;
        String expected = operation.equals("monitor") && interval == 0 ? "7" : "0";
        String tk = "1:1:" + expected + ":0f0e0d0c-0000-0000-0000-000000000001";
        return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + key + "\" operation=\"" + operation
                + "\" transition-key=\"" + tk + "\" transition-magic=\"0:" + rc + ";" + tk + "\" on_node=\""
                + node + "\" call-id=\"3\" rc-code=\"" + rc + "\" op-status=\"0\" interval=\"" + interval
                + "\" last-rc-change=\"1700000000\"/>";
    }

    private static String rsc(String id, String... ops) {
        return "<lrm_resource id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + String.join("", ops) + "</lrm_resource>";
    }

    static XmlCibDocument document() throws Exception {
        return document(CIB);
    }

    static XmlCibDocument document(String xml) throws Exception {
        return new XmlCibDocument(XmlParser.parse(xml, "fixture"), CibPersistence.none(),
                Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
    }

    /** Every element with this {@code id} (there should be at most one). */
    static List<XmlElement> byId(XmlElement root, String id) {
        List<XmlElement> out = new ArrayList<>();
        collect(root, id, out);
        return out;
    }

    static XmlElement one(XmlCibDocument doc, String id) {
        List<XmlElement> found = byId(doc.root(), id);
        assertEquals(1, found.size(), "elements with id '" + id + "'");
        return found.get(0);
    }

    private static void collect(XmlElement e, String id, List<XmlElement> out) {
        if (id.equals(e.attr("id"))) {
            out.add(e);
        }
        for (XmlElement c : e.elements()) {
            collect(c, id, out);
        }
    }

    /** Applies a change that must be refused and checks that nothing changed; returns the problems. */
    static List<String> refused(XmlCibDocument doc, CibChange change) {
        String before = doc.toXml();
        CibVersion version = doc.version();
        List<String> problems = doc.apply(change);
        assertFalse(problems.isEmpty(), "the change should be refused: " + change);
        assertEquals(before, doc.toXml(), "a refused change leaves the document untouched");
        assertEquals(version, doc.version());
        return problems;
    }

    static void applied(XmlCibDocument doc, CibChange change) {
        assertEquals(List.of(), doc.apply(change), "problems applying " + change);
    }
}
