package dev.vigil.cib.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.Primitive;
import org.junit.jupiter.api.Test;

class OperationAttributesTest {

    @Test
    void readsTheMonitorDepthFromTheOperationsInstanceAttributes() throws Exception {
        CibReader.Result r = CibReader.read(XmlParser.parse("""
                <cib epoch="1" admin_epoch="0" num_updates="0">
                  <configuration>
                    <crm_config/>
                    <nodes/>
                    <resources>
                      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
                        <operations>
                          <op id="web-monitor-60s" name="monitor" interval="60s">
                            <instance_attributes id="web-monitor-60s-ia">
                              <nvpair id="web-monitor-60s-depth" name="OCF_CHECK_LEVEL" value="10"/>
                            </instance_attributes>
                          </op>
                        </operations>
                      </primitive>
                    </resources>
                    <constraints/>
                  </configuration>
                  <status/>
                </cib>
                """, "depth.xml"));
        assertTrue(r.problems().stream().noneMatch(ConfigProblem::isError), () -> r.problems().toString());
        Primitive web = r.cib().resources().get(0).primitives().get(0);
        Operation monitor = web.operations().get(0);
        assertEquals(60_000, monitor.intervalMs());
        assertEquals("10", monitor.attributes().get("OCF_CHECK_LEVEL"));
    }
}
