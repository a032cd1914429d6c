package dev.vigil.cib.crmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering ({@code configure show}), replacing ({@code configure edit}) and merging ({@code load update}). */
class CrmApplyTest {
    static final String CIB = """
            <cib admin_epoch="0" epoch="7" num_updates="3" validate-with="pacemaker-3.10">
              <configuration>
                <crm_config>
                  <cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="opt-name" name="cluster-name" value="pair"/>
                    <nvpair id="opt-fencing" name="fencing-enabled" value="false"/>
                  </cluster_property_set>
                </crm_config>
                <nodes>
                  <node id="1" uname="node1"/>
                  <node id="2" uname="node2">
                    <instance_attributes id="n2-attrs">
                      <nvpair id="n2-standby" name="standby" value="off"/>
                    </instance_attributes>
                  </node>
                </nodes>
                <resources>
                  <group id="web">
                    <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
                      <instance_attributes id="ip-params">
                        <nvpair id="ip-params-ip" name="ip" value="10.0.0.10"/>
                      </instance_attributes>
                      <operations>
                        <op id="ip-mon" name="monitor" interval="10s" timeout="20s"/>
                      </operations>
                    </primitive>
                    <primitive id="site" class="lsb" type="httpd"/>
                  </group>
                  <master id="db-ms">
                    <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
                  </master>
                </resources>
                <constraints>
                  <rsc_location id="web-prefers-node1" rsc="web" node="node1" score="100"/>
                  <rsc_location id="web-ping" rsc="web">
                    <rule id="web-ping-rule" score="-INFINITY" boolean-op="or">
                      <expression id="web-ping-e1" attribute="pingd" operation="not_defined"/>
                      <expression id="web-ping-e2" attribute="pingd" operation="lte" value="0" type="number"/>
                    </rule>
                  </rsc_location>
                  <rsc_colocation id="web-with-db" score="INFINITY" rsc="web" with-rsc="db-ms" with-rsc-role="Promoted"/>
                  <rsc_order id="db-before-web" kind="Mandatory" first="db-ms" first-action="promote" then="web"/>
                  <rsc_ticket id="web-ticket" rsc="web" ticket="T" loss-policy="stop"/>
                </constraints>
                <rsc_defaults>
                  <meta_attributes id="rsc-options">
                    <nvpair id="rsc-options-resource-stickiness" name="resource-stickiness" value="100"/>
                  </meta_attributes>
                </rsc_defaults>
              </configuration>
              <status>
                <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
              </status>
            </cib>
            """;

    static XmlElement cib() throws Exception {
        return XmlParser.parse(CIB, "cib.xml");
    }

    @Test
    void showWritesCrmConfigureShowText() throws Exception {
        assertEquals("""
                node 1: node1
                node 2: node2 \\
                	attributes standby=off
                primitive ip ocf:heartbeat:IPaddr2 \\
                	params ip=10.0.0.10 \\
                	op monitor interval=10s timeout=20s
                primitive site lsb:httpd
                group web ip site
                primitive db ocf:pacemaker:Stateful
                ms db-ms db
                location web-prefers-node1 web 100: node1
                location web-ping web \\
                	rule -inf: not_defined pingd or pingd number:lte 0
                colocation web-with-db inf: web db-ms:Promoted
                order db-before-web Mandatory: db-ms:promote web
                xml <rsc_ticket id="web-ticket" rsc="web" ticket="T" loss-policy="stop"/>
                property cib-bootstrap-options: \\
                	cluster-name=pair \\
                	fencing-enabled=false
                rsc_defaults rsc-options: \\
                	resource-stickiness=100
                """, CrmConfiguration.render(cib()));
    }

    @Test
    void showCanBeLimitedToSomeObjects() throws Exception {
        assertEquals("primitive site lsb:httpd\ngroup web ip site\n",
                CrmConfiguration.render(cib(), List.of("web", "site")));
    }

    @Test
    void renderingQuotesWhatNeedsIt() throws Exception {
        XmlElement conf = CrmConfiguration.parse("primitive a Dummy params msg=\"two words\" q='x' path=\"a\\\\b\" "
                + "empty=\"\" \"#odd\"=1 meta description=\"say \\\"hi\\\"\"\n", null);
        String text = CrmConfiguration.render(conf);
        assertEquals("primitive a ocf:heartbeat:Dummy \\\n\tparams msg=\"two words\" q='x' path=\"a\\\\b\" empty=\"\" "
                + "\"#odd\"=1 \\\n\tmeta description=\"say \\\"hi\\\"\"\n", text);
        assertEquals(text, CrmConfiguration.render(CrmConfiguration.parse(text, null)));
    }

    @Test
    void renderingIsStable() throws Exception {
        String text = CrmConfiguration.render(CrmConfiguration.parse(CrmConfiguration.render(cib()), null));
        assertEquals(text, CrmConfiguration.render(CrmConfiguration.parse(text, null)));
    }

    @Test
    void editingNothingChangesNothing() throws Exception {
        XmlElement cib = cib();
        XmlElement same = CrmConfiguration.replace(cib, CrmConfiguration.render(cib), "edit");
        String expected = XmlWriter.toXml(cib).replace("<master id=\"db-ms\">", "<clone id=\"db-ms\">")
                .replace("</master>", "</clone>");
        // the one normalisation: a legacy master becomes a promotable clone
        String got = XmlWriter.toXml(same).replace("""
                    <meta_attributes id="db-ms-meta_attributes">
                      <nvpair id="db-ms-meta_attributes-promotable" name="promotable" value="true"/>
                    </meta_attributes>
                """.indent(4), "");
        assertEquals(expected, got);
    }

    @Test
    void replaceKeepsStatusVersionsAndTheIdsOfWhatStayed() throws Exception {
        String text = CrmConfiguration.render(cib()).replace("ip=10.0.0.10", "ip=10.0.0.20 cidr_netmask=24")
                .replace("op monitor interval=10s timeout=20s", "op monitor interval=10s timeout=30s \\\n\top start "
                        + "timeout=60s interval=0s");
        XmlElement out = CrmConfiguration.replace(cib(), text, "edit");
        assertEquals("7", out.attr("epoch"));
        assertEquals("node_state", out.element("status").elements().get(0).name());
        String ip = XmlWriter.toXml(CrmParseTest.resource(out.element("configuration"), "web").elements().get(0));
        assertEquals("""
                <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
                  <instance_attributes id="ip-params">
                    <nvpair id="ip-params-ip" name="ip" value="10.0.0.20"/>
                    <nvpair id="ip-instance_attributes-cidr_netmask" name="cidr_netmask" value="24"/>
                  </instance_attributes>
                  <operations>
                    <op id="ip-mon" name="monitor" interval="10s" timeout="30s"/>
                    <op id="ip-start-0s" name="start" timeout="60s" interval="0s"/>
                  </operations>
                </primitive>
                """, ip);
    }

    @Test
    void replaceRemovesWhatTheTextLeavesOut() throws Exception {
        XmlElement out = CrmConfiguration.replace(cib(), "node node1\nprimitive only Dummy\n", "edit");
        XmlElement conf = out.element("configuration");
        assertEquals(1, conf.element("resources").elements().size());
        assertTrue(conf.element("constraints").elements().isEmpty());
        assertTrue(conf.element("crm_config").elements().isEmpty());
        assertEquals("1", conf.element("nodes").element("node").attr("id"), "node1 keeps its node id");
    }

    @Test
    void mergeAddsAOneLinePrimitive() throws Exception {
        String line = CrmConfiguration.statement(List.of("primitive", "vip2", "ocf:heartbeat:IPaddr2", "params",
                "ip=10.0.0.11", "label=front door", "op", "monitor", "interval=10s"));
        assertEquals("primitive vip2 ocf:heartbeat:IPaddr2 params ip=10.0.0.11 label=\"front door\" op monitor "
                + "interval=10s", line);
        XmlElement conf = CrmConfiguration.merge(cib(), line, "command line").element("configuration");
        List<XmlElement> resources = conf.element("resources").elements();
        assertEquals(List.of("web", "db-ms", "vip2"), resources.stream().map(r -> r.attr("id")).toList());
        assertEquals("front door", resources.get(2).element("instance_attributes").elements().get(1).attr("value"));
        assertEquals(XmlWriter.toXml(cib().element("configuration").element("constraints")),
                XmlWriter.toXml(conf.element("constraints")), "untouched sections stay as they were");
    }

    @Test
    void mergeSetsPropertiesInTheExistingSet() throws Exception {
        XmlElement conf = CrmConfiguration.merge(cib(), "property fencing-enabled=true no-quorum-policy=ignore\n"
                + "rsc_defaults resource-stickiness=200\n", null).element("configuration");
        assertEquals("""
                <crm_config>
                  <cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="opt-name" name="cluster-name" value="pair"/>
                    <nvpair id="opt-fencing" name="fencing-enabled" value="true"/>
                    <nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="ignore"/>
                  </cluster_property_set>
                </crm_config>
                """, XmlWriter.toXml(conf.element("crm_config")));
        assertEquals("200", conf.element("rsc_defaults").element("meta_attributes").elements().get(0).attr("value"));
    }

    @Test
    void mergeReplacesAPrimitiveInsideItsGroupInPlace() throws Exception {
        XmlElement conf = CrmConfiguration.merge(cib(), "primitive ip ocf:heartbeat:IPaddr2 params ip=10.0.0.99",
                null).element("configuration");
        XmlElement web = conf.element("resources").elements().get(0);
        assertEquals(List.of("ip", "site"), web.elements().stream().map(e -> e.attr("id")).toList());
        XmlElement pair = web.elements().get(0).element("instance_attributes").elements().get(0);
        assertEquals("ip-params-ip", pair.attr("id"), "the pair keeps its id");
        assertEquals("10.0.0.99", pair.attr("value"));
        assertEquals(null, web.elements().get(0).element("operations"), "what the new definition omits is gone");
    }

    @Test
    void mergeGroupsExistingResourcesAndRegroups() throws Exception {
        XmlElement conf = CrmConfiguration.merge(cib(), """
                primitive extra Dummy
                group web ip extra
                group more site
                """, null).element("configuration");
        List<XmlElement> top = conf.element("resources").elements();
        assertEquals(List.of("web", "db-ms", "more"), top.stream().map(r -> r.attr("id")).toList());
        assertEquals(List.of("ip", "extra"), top.get(0).elements().stream().map(e -> e.attr("id")).toList());
        assertEquals("site", top.get(2).elements().get(0).attr("id"));
    }

    @Test
    void mergeRefusesToTurnAResourceIntoAnotherKind() throws Exception {
        CrmSyntaxException e = assertThrows(CrmSyntaxException.class,
                () -> CrmConfiguration.merge(cib(), "group ip site\n", "cmd"));
        assertEquals("cmd:1:7: 'ip' is already a primitive; delete it before defining a group with that id",
                e.getMessage());
        e = assertThrows(CrmSyntaxException.class, () -> CrmConfiguration.merge(cib(), "group g2 site\n", "cmd"));
        assertEquals("cmd:1:10: resource 'site' is already in group 'web'", e.getMessage());
        e = assertThrows(CrmSyntaxException.class, () -> CrmConfiguration.merge(cib(), "location ip site 1: n\n",
                "cmd"));
        assertEquals("cmd:1:10: duplicate id 'ip' (already used in the configuration)", e.getMessage());
    }

    @Test
    void mergeUpdatesANodeNamedByItsUname() throws Exception {
        XmlElement conf = CrmConfiguration.merge(cib(), "node node2 attributes standby=on\n", null)
                .element("configuration");
        XmlElement node2 = conf.element("nodes").elements().get(1);
        assertEquals("""
                <node id="2" uname="node2">
                  <instance_attributes id="n2-attrs">
                    <nvpair id="n2-standby" name="standby" value="on"/>
                  </instance_attributes>
                </node>
                """, XmlWriter.toXml(node2));
    }

    @Test
    void aLegacyMasterIsShownAsMsAndComesBackAsAPromotableClone() throws Exception {
        XmlElement conf = CrmConfiguration.parse(CrmConfiguration.render(cib(), List.of("db", "db-ms")), null);
        XmlElement clone = conf.element("resources").element("clone");
        assertEquals("db-ms", clone.attr("id"));
        assertEquals("promotable", clone.element("meta_attributes").elements().get(0).attr("name"));
    }
}
