package dev.vigil.cib.crmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import org.junit.jupiter.api.Test;

/** Statements become the CIB XML crmsh would write, with crmsh's ids. */
class CrmParseTest {
    static XmlElement parse(String text) throws CrmSyntaxException {
        return CrmConfiguration.parse(text, "test.crm");
    }

    static XmlElement resource(XmlElement conf, String id) {
        for (XmlElement r : conf.element("resources").elements()) {
            if (id.equals(r.attr("id"))) {
                return r;
            }
        }
        throw new AssertionError("no resource " + id + " in\n" + XmlWriter.toXml(conf));
    }

    static String xml(XmlElement e) {
        return XmlWriter.toXml(e);
    }

    @Test
    void primitiveGetsCrmshIdsForParamsAndOps() throws Exception {
        XmlElement conf = parse("primitive ip ocf:heartbeat:IPaddr2 params ip=10.0.0.10 cidr_netmask=24 "
                + "op monitor interval=10s timeout=20s\n");
        assertEquals("""
                <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
                  <instance_attributes id="ip-instance_attributes">
                    <nvpair id="ip-instance_attributes-ip" name="ip" value="10.0.0.10"/>
                    <nvpair id="ip-instance_attributes-cidr_netmask" name="cidr_netmask" value="24"/>
                  </instance_attributes>
                  <operations>
                    <op id="ip-monitor-10s" name="monitor" interval="10s" timeout="20s"/>
                  </operations>
                </primitive>
                """, xml(resource(conf, "ip")));
    }

    @Test
    void agentMayBeClassAndTypeOrJustAType() throws Exception {
        XmlElement conf = parse("""
                primitive fence1 stonith:fence_dummy params pcmk_host_list="node1 node2" meta target-role=Stopped
                primitive web lsb:httpd
                primitive d Dummy
                primitive t @tmpl params x=1
                xml <template id="tmpl" class="ocf" provider="pacemaker" type="Dummy"/>
                """);
        XmlElement fence = resource(conf, "fence1");
        assertEquals("stonith", fence.attr("class"));
        assertNull(fence.attr("provider"));
        assertEquals("node1 node2", fence.element("instance_attributes").elements().get(0).attr("value"));
        assertEquals("fence1-meta_attributes-target-role", fence.element("meta_attributes").elements().get(0).attr("id"));
        assertEquals("lsb", resource(conf, "web").attr("class"));
        assertEquals("ocf:heartbeat:Dummy", resource(conf, "d").attr("class") + ":" + resource(conf, "d").attr("provider")
                + ":" + resource(conf, "d").attr("type"));
        assertEquals("tmpl", resource(conf, "t").attr("template"));
    }

    @Test
    void opWithoutIntervalIsNamedAfterItsName() throws Exception {
        XmlElement p = resource(parse("primitive a Dummy op start timeout=90 op monitor interval=10 "
                + "op monitor interval=11 role=Promoted\n"), "a");
        assertEquals("""
                <operations>
                  <op id="a-start" name="start" timeout="90"/>
                  <op id="a-monitor-10" name="monitor" interval="10"/>
                  <op id="a-monitor-11" name="monitor" interval="11" role="Promoted"/>
                </operations>
                """, xml(p.element("operations")));
    }

    @Test
    void groupTakesItsPrimitivesInOrderWhereverTheyAreDefined() throws Exception {
        XmlElement conf = parse("""
                group web ip site meta target-role=Started
                primitive site ocf:heartbeat:apache
                primitive ip ocf:heartbeat:IPaddr2 params ip=10.0.0.10
                primitive other Dummy
                """);
        assertEquals(2, conf.element("resources").elements().size());
        XmlElement g = resource(conf, "web");
        assertEquals("web-meta_attributes", g.elements().get(0).attr("id"));
        assertEquals("ip", g.elements().get(1).attr("id"));
        assertEquals("site", g.elements().get(2).attr("id"));
        assertEquals("other", conf.element("resources").elements().get(1).attr("id"));
    }

    @Test
    void msIsAPromotableCloneAsPacemaker3WritesIt() throws Exception {
        XmlElement conf = parse("""
                primitive db ocf:pacemaker:Stateful op monitor interval=10s role=Promoted
                ms db-clone db meta notify=true
                primitive pg ocf:pacemaker:ping
                clone pg-clone pg
                """);
        assertEquals("""
                <clone id="db-clone">
                  <meta_attributes id="db-clone-meta_attributes">
                    <nvpair id="db-clone-meta_attributes-promotable" name="promotable" value="true"/>
                    <nvpair id="db-clone-meta_attributes-notify" name="notify" value="true"/>
                  </meta_attributes>
                  <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">
                    <operations>
                      <op id="db-monitor-10s" name="monitor" interval="10s" role="Promoted"/>
                    </operations>
                  </primitive>
                </clone>
                """, xml(resource(conf, "db-clone")));
        assertNull(resource(conf, "pg-clone").element("meta_attributes"));
    }

    @Test
    void locationsWithANodeOrRules() throws Exception {
        XmlElement conf = parse("""
                primitive ip Dummy
                location l1 ip 100: node1
                location l2 ip -inf: node2
                location l3 ip role=Started resource-discovery=never inf: node3
                location l4 ip \\
                    rule 50: #uname eq node1 or #uname eq node2 \\
                    rule -inf: not_defined pingd \\
                    rule $role=Promoted pingd: defined pingd and pingd number:gt 3
                """);
        XmlElement cs = conf.element("constraints");
        assertEquals("<rsc_location id=\"l1\" rsc=\"ip\" score=\"100\" node=\"node1\"/>\n", xml(cs.elements().get(0)));
        assertEquals("-INFINITY", cs.elements().get(1).attr("score"));
        assertEquals("<rsc_location id=\"l3\" rsc=\"ip\" role=\"Started\" resource-discovery=\"never\" score=\"INFINITY\" "
                + "node=\"node3\"/>\n", xml(cs.elements().get(2)));
        assertEquals("""
                <rsc_location id="l4" rsc="ip">
                  <rule id="l4-rule" score="50" boolean-op="or">
                    <expression id="l4-rule-expression" attribute="#uname" operation="eq" value="node1"/>
                    <expression id="l4-rule-expression-0" attribute="#uname" operation="eq" value="node2"/>
                  </rule>
                  <rule id="l4-rule-0" score="-INFINITY">
                    <expression id="l4-rule-0-expression" attribute="pingd" operation="not_defined"/>
                  </rule>
                  <rule id="l4-rule-1" role="Promoted" score-attribute="pingd" boolean-op="and">
                    <expression id="l4-rule-1-expression" attribute="pingd" operation="defined"/>
                    <expression id="l4-rule-1-expression-0" attribute="pingd" operation="gt" value="3" type="number"/>
                  </rule>
                </rsc_location>
                """, xml(cs.elements().get(3)));
    }

    @Test
    void colocationAndOrderWithRolesActionsAndKinds() throws Exception {
        XmlElement cs = parse("""
                primitive a Dummy
                primitive b Dummy
                colocation c1 inf: a b:Promoted
                collocation c2 -100: a b node-attribute=rack
                order o1 Mandatory: b:promote a:start
                order o2 0: a b symmetrical=false
                order o3 a b
                order o4 Serialize : a b
                """).element("constraints");
        assertEquals("<rsc_colocation id=\"c1\" score=\"INFINITY\" rsc=\"a\" with-rsc=\"b\" with-rsc-role=\"Promoted\"/>\n",
                xml(cs.elements().get(0)));
        assertEquals("rack", cs.elements().get(1).attr("node-attribute"));
        assertEquals("<rsc_order id=\"o1\" kind=\"Mandatory\" first=\"b\" then=\"a\" first-action=\"promote\" "
                + "then-action=\"start\"/>\n", xml(cs.elements().get(2)));
        assertEquals("<rsc_order id=\"o2\" score=\"0\" first=\"a\" then=\"b\" symmetrical=\"false\"/>\n",
                xml(cs.elements().get(3)));
        assertEquals("<rsc_order id=\"o3\" first=\"a\" then=\"b\"/>\n", xml(cs.elements().get(4)));
        assertEquals("Serialize", cs.elements().get(5).attr("kind"));
    }

    @Test
    void propertiesAndDefaultsGoToTheirConventionalSets() throws Exception {
        XmlElement conf = parse("""
                property stonith-enabled=false
                property no-quorum-policy=ignore
                property other: maintenance-mode=true
                rsc_defaults resource-stickiness=100
                op_defaults $id=op-opts timeout=30s
                """);
        assertEquals("""
                <crm_config>
                  <cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>
                    <nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="ignore"/>
                  </cluster_property_set>
                  <cluster_property_set id="other">
                    <nvpair id="other-maintenance-mode" name="maintenance-mode" value="true"/>
                  </cluster_property_set>
                </crm_config>
                """, xml(conf.element("crm_config")));
        assertEquals("rsc-options-resource-stickiness",
                conf.element("rsc_defaults").element("meta_attributes").elements().get(0).attr("id"));
        assertEquals("op-opts-timeout", conf.element("op_defaults").element("meta_attributes").elements().get(0).attr("id"));
    }

    @Test
    void nodesWithIdsTypesAndAttributes() throws Exception {
        XmlElement nodes = parse("""
                node node1
                node 2: node2 attributes standby=on utilization cpu=4
                node $id=3 node3:remote description="the third"
                """).element("nodes");
        assertEquals("<node id=\"node1\" uname=\"node1\"/>\n", xml(nodes.elements().get(0)));
        assertEquals("""
                <node id="2" uname="node2">
                  <instance_attributes id="nodes-2">
                    <nvpair id="nodes-2-standby" name="standby" value="on"/>
                  </instance_attributes>
                  <utilization id="nodes-2-utilization">
                    <nvpair id="nodes-2-utilization-cpu" name="cpu" value="4"/>
                  </utilization>
                </node>
                """, xml(nodes.elements().get(1)));
        assertEquals("<node id=\"3\" uname=\"node3\" type=\"remote\" description=\"the third\"/>\n",
                xml(nodes.elements().get(2)));
    }

    @Test
    void fencingTopologyHasOneLevelPerWordPerNode() throws Exception {
        XmlElement conf = parse("""
                primitive ipmi1 stonith:fence_ipmilan
                primitive pdu1 stonith:fence_apc
                primitive pdu2 stonith:fence_apc
                fencing_topology node1: ipmi1 pdu1,pdu2 node2: pdu2
                """);
        assertEquals("""
                <fencing-topology>
                  <fencing-level id="fl-node1-1" target="node1" index="1" devices="ipmi1"/>
                  <fencing-level id="fl-node1-2" target="node1" index="2" devices="pdu1,pdu2"/>
                  <fencing-level id="fl-node2-1" target="node2" index="1" devices="pdu2"/>
                </fencing-topology>
                """, xml(conf.element("fencing-topology")));
    }

    @Test
    void continuationsCommentsAndQuotes() throws Exception {
        XmlElement conf = parse("""
                # the address clients use
                primitive ip ocf:heartbeat:IPaddr2 \\
                    params ip=10.0.0.10 \\
                    # a comment inside the statement is fine
                    meta description="a \\"quoted\\" word" \\
                    op monitor interval=10s

                primitive "odd" Dummy params path="C:\\\\dir with blanks"
                """);
        XmlElement ip = resource(conf, "ip");
        assertEquals(" the address clients use ", ((dev.vigil.cib.xml.XmlComment) ip.children().get(0)).text());
        assertEquals("a \"quoted\" word", ip.element("meta_attributes").elements().get(0).attr("value"));
        assertEquals("ip-monitor-10s", ip.element("operations").elements().get(0).attr("id"));
        assertEquals("C:\\dir with blanks", resource(conf, "odd").element("instance_attributes").elements().get(0)
                .attr("value"));
    }

    @Test
    void aBackslashOnTheLastLineEndsTheStatement() throws Exception {
        XmlElement conf = parse("primitive a Dummy \\\n  params x=1 \\");
        assertEquals("1", resource(conf, "a").element("instance_attributes").elements().get(0).attr("value"));
    }

    @Test
    void xmlStatementsCarryWhatTheLanguageCannotSay() throws Exception {
        XmlElement conf = parse("""
                primitive a Dummy
                xml <rsc_ticket id="t1" rsc="a" ticket="T" loss-policy="stop"/>
                xml <rsc_defaults> \\
                  <meta_attributes id="rules" score="2"> \\
                    <nvpair id="r1" name="resource-stickiness" value="5"/> \\
                  </meta_attributes> \\
                </rsc_defaults>
                xml <tags><tag id="web"><obj_ref id="a"/></tag></tags>
                location l web 10: n1
                """);
        assertEquals("T", conf.element("constraints").element("rsc_ticket").attr("ticket"));
        assertEquals("2", conf.element("rsc_defaults").element("meta_attributes").attr("score"));
        assertEquals("web", conf.element("tags").element("tag").attr("id"));
    }
}
