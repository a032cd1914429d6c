package dev.vigil.cib.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Clone;
import dev.vigil.core.model.ColocationConstraint;
import dev.vigil.core.model.LocationConstraint;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import dev.vigil.core.model.Role;
import org.junit.jupiter.api.Test;

class CibReaderLegacyTest {
    private static final String LEGACY = """
            <cib validate-with="pacemaker-1.2" epoch="3" admin_epoch="0" num_updates="0">
              <configuration>
                <crm_config>
                  <cluster_property_set id="cib-bootstrap-options">
                    <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
                  </cluster_property_set>
                </crm_config>
                <nodes>
                  <node id="1" uname="alpha"/>
                  <node id="2" uname="beta"/>
                </nodes>
                <resources>
                  <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
                    <instance_attributes id="ip-ia">
                      <attributes>
                        <nvpair id="ip-ia-ip" name="ip" value="192.0.2.10"/>
                        <nvpair id="ip-ia-mask" name="cidr_netmask" value="24"/>
                      </attributes>
                    </instance_attributes>
                  </primitive>
                  <master id="ms-db">
                    <meta_attributes id="ms-db-meta">
                      <nvpair id="ms-db-max" name="master-max" value="1"/>
                    </meta_attributes>
                    <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
                  </master>
                </resources>
                <constraints>
                  <rsc_location id="loc-db" rsc="ms-db">
                    <rule id="loc-db-rule" score="100" role="Master">
                      <expression id="loc-db-expr" attribute="#uname" operation="eq" value="alpha"/>
                    </rule>
                  </rsc_location>
                  <rsc_colocation id="ip-with-master" rsc="ip" with-rsc="ms-db" with-rsc-role="Master" score="INFINITY"/>
                  <rsc_colocation id="ip-not-slave" rsc="ms-db" rsc-role="Slave" with-rsc="ip" score="-INFINITY"/>
                </constraints>
              </configuration>
              <status/>
            </cib>
            """;

    private static Cib read() throws Exception {
        CibReader.Result r = CibReader.read(XmlParser.parse(LEGACY, "legacy.xml"));
        assertTrue(r.problems().stream().noneMatch(ConfigProblem::isError), () -> r.problems().toString());
        return r.cib();
    }

    private static Resource resource(Cib cib, String id) {
        return cib.resources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void masterIsAPromotableClone() throws Exception {
        Clone ms = assertInstanceOf(Clone.class, resource(read(), "ms-db"));
        assertTrue(ms.promotable());
        assertEquals("db", ms.child().id());
        assertEquals("1", ms.meta().get("master-max"));
    }

    @Test
    void stonithEnabledIsAClusterProperty() throws Exception {
        assertEquals("false", read().clusterProperties().get("stonith-enabled"));
    }

    @Test
    void legacyRoleNamesMapToPromotedAndUnpromoted() throws Exception {
        Cib cib = read();
        LocationConstraint loc = (LocationConstraint) cib.constraints().stream()
                .filter(c -> c.id().equals("loc-db")).findFirst().orElseThrow();
        assertEquals(Role.PROMOTED, loc.rules().get(0).role());
        ColocationConstraint withMaster = (ColocationConstraint) cib.constraints().stream()
                .filter(c -> c.id().equals("ip-with-master")).findFirst().orElseThrow();
        assertEquals(Role.PROMOTED, withMaster.withRole());
        ColocationConstraint notSlave = (ColocationConstraint) cib.constraints().stream()
                .filter(c -> c.id().equals("ip-not-slave")).findFirst().orElseThrow();
        assertEquals(Role.UNPROMOTED, notSlave.role());
    }

    @Test
    void heartbeatAttributesBlockYieldsParams() throws Exception {
        Primitive ip = assertInstanceOf(Primitive.class, resource(read(), "ip"));
        assertEquals("192.0.2.10", ip.params().get("ip"));
        assertEquals("24", ip.params().get("cidr_netmask"));
    }
}
