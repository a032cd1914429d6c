package dev.vigil.cib.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class CibValidatorTest {
    /** A clean configuration; {@code %s} is where a test adds constraints. */
    private static final String TEMPLATE = """
            <cib validate-with="pacemaker-3.9" epoch="1" admin_epoch="0" num_updates="0">
              <configuration>
                <crm_config>
                  <cluster_property_set id="opts">
                    <nvpair id="opts-stonith" name="stonith-enabled" value="false"/>
                  </cluster_property_set>
                </crm_config>
                <nodes>
                  <node id="1" uname="alpha"/>
                  <node id="2" uname="beta"/>
                </nodes>
                <resources>
                  <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2">
                    <operations>
                      <op id="ip-monitor" name="monitor" interval="10s"/>
                    </operations>
                  </primitive>
                  <group id="web">
                    <primitive id="web-fs" class="ocf" provider="heartbeat" type="Filesystem"/>
                    <primitive id="web-server" class="systemd" type="httpd"/>
                  </group>
                  <master id="ms-db">
                    <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
                  </master>
                  <clone id="ping-clone">
                    <primitive id="ping" class="ocf" provider="pacemaker" type="ping"/>
                  </clone>
                  <primitive id="fence" class="stonith" type="fence_xvm"/>
                </resources>
                <tags>
                  <tag id="frontend">
                    <obj_ref id="ip"/>
                    <obj_ref id="web"/>
                  </tag>
                </tags>
                <constraints>
                  <rsc_location id="loc-ip" rsc="ip" node="alpha" score="100"/>
                  <rsc_location id="loc-db" rsc="ms-db">
                    <rule id="loc-db-rule" score="INFINITY" role="Promoted">
                      <expression id="loc-db-expr" attribute="#uname" operation="eq" value="beta"/>
                    </rule>
                  </rsc_location>
                  <rsc_colocation id="web-with-ip" rsc="web" with-rsc="ip" score="INFINITY"/>
                  <rsc_order id="ip-then-web" first="ip" then="web"/>
                  <rsc_order id="db-then-frontend" first="ms-db" first-action="promote" then="frontend" then-action="start"/>
                  <rsc_order id="chain" kind="Mandatory">
                    <resource_set id="chain-0" sequential="true">
                      <resource_ref id="ping-clone"/>
                      <resource_ref id="ms-db"/>
                    </resource_set>
                  </rsc_order>
                  <rsc_order id="web-then-ip-optional" first="web" then="ip" kind="Optional"/>
                  <rsc_order id="web-then-ip-zero" first="web" then="ip" score="0"/>
                  <rsc_ticket id="t1" rsc="ms-db" ticket="ticketA" loss-policy="demote"/>
            %s      </constraints>
              </configuration>
              <status/>
            </cib>
            """;

    private static String cib(String extraConstraints) {
        return TEMPLATE.formatted(extraConstraints.indent(6));
    }

    private static List<ConfigProblem> validate(String xml) throws Exception {
        return CibValidator.validate(XmlParser.parse(xml, "test.xml"));
    }

    /** The 1-based line of the only line containing {@code needle}. */
    private static int lineOf(String xml, String needle) {
        String[] lines = xml.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                assertEquals(0, found, "needle '" + needle + "' is not unique");
                found = i + 1;
            }
        }
        assertTrue(found > 0, "needle '" + needle + "' not found");
        return found;
    }

    private static ConfigProblem only(List<ConfigProblem> problems) {
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void cleanConfigurationHasNoProblems() throws Exception {
        assertEquals(List.of(), validate(cib("")));
    }

    @Test
    void duplicateIdNamesBothLines() throws Exception {
        String xml = cib("""
                <rsc_location id="loc-ip" rsc="web" node="beta" score="10"/>
                """);
        ConfigProblem p = only(validate(xml));
        assertTrue(p.isError());
        int first = lineOf(xml, "rsc=\"ip\" node=\"alpha\"");
        int second = lineOf(xml, "rsc=\"web\" node=\"beta\"");
        assertEquals("id 'loc-ip' is used twice (lines " + first + " and " + second + ")", p.message());
        assertEquals(second, p.line());
    }

    @Test
    void idReferencesAreNotDuplicates() throws Exception {
        String xml = cib("""
                <rsc_location id="loc-web" rsc="web">
                  <rule id-ref="loc-db-rule"/>
                </rsc_location>
                """);
        assertEquals(List.of(), validate(xml));
    }

    @Test
    void orderNamingUnknownResource() throws Exception {
        String xml = cib("""
                <rsc_order id="o1" first="ip" then="db2"/>
                """);
        ConfigProblem p = only(validate(xml));
        assertTrue(p.isError());
        assertEquals("rsc_order 'o1' refers to unknown resource 'db2'", p.message());
        assertEquals(lineOf(xml, "id=\"o1\""), p.line());
    }

    @Test
    void everyConstraintReferenceIsChecked() throws Exception {
        String xml = cib("""
                <rsc_location id="l9" rsc="nope-loc" node="alpha" score="1"/>
                <rsc_colocation id="c9" rsc="ip" with-rsc="nope-with" score="INFINITY"/>
                <rsc_colocation id="c8" from="nope-from" to="ip" score="INFINITY"/>
                <rsc_ticket id="t9" rsc="nope-ticket" ticket="T"/>
                <rsc_colocation id="c7" score="INFINITY">
                  <resource_set id="c7-0">
                    <resource_ref id="ip"/>
                    <resource_ref id="nope-set"/>
                  </resource_set>
                </rsc_colocation>
                """);
        List<ConfigProblem> problems = validate(xml);
        assertEquals(List.of(
                "rsc_location 'l9' refers to unknown resource 'nope-loc'",
                "rsc_colocation 'c9' refers to unknown resource 'nope-with'",
                "rsc_colocation 'c8' refers to unknown resource 'nope-from'",
                "rsc_ticket 't9' refers to unknown resource 'nope-ticket'",
                "rsc_colocation 'c7' refers to unknown resource 'nope-set'"),
                problems.stream().map(ConfigProblem::message).toList());
        assertEquals(lineOf(xml, "<resource_ref id=\"nope-set\""), problems.get(4).line());
        assertTrue(problems.stream().allMatch(ConfigProblem::isError));
    }

    @Test
    void locationOnUnknownNodeIsOnlyAWarning() throws Exception {
        String xml = cib("""
                <rsc_location id="l-gamma" rsc="ip" node="gamma" score="50"/>
                """);
        ConfigProblem p = only(validate(xml));
        assertEquals(ConfigProblem.Severity.WARNING, p.severity());
        assertEquals("rsc_location 'l-gamma' refers to unknown node 'gamma'", p.message());
        assertEquals(lineOf(xml, "id=\"l-gamma\""), p.line());
    }

    @Test
    void orderingCycleOfThreeConstraints() throws Exception {
        String xml = cib("""
                <rsc_order id="o1" first="fence" then="ping-clone"/>
                <rsc_order id="o2" first="ping-clone" then="ip" kind="Mandatory"/>
                <rsc_order id="o3" first="ip" then="fence" score="INFINITY"/>
                """);
        ConfigProblem p = only(validate(xml));
        assertTrue(p.isError());
        assertEquals("ordering cycle: fence then ping-clone then ip then fence (constraints o1, o2, o3)",
                p.message());
        assertEquals(lineOf(xml, "id=\"o1\""), p.line());
    }

    @Test
    void optionalOrderingsDoNotMakeACycle() throws Exception {
        // the template already orders web after ip, and web before ip only optionally
        String xml = cib("""
                <rsc_order id="o-opt" first="web" then="ip" score="-5"/>
                """);
        assertEquals(List.of(), validate(xml));
    }

    @Test
    void orderingCycleThroughSequentialSet() throws Exception {
        String xml = cib("""
                <rsc_order id="set-order">
                  <resource_set id="set-order-0">
                    <resource_ref id="web"/>
                    <resource_ref id="fence"/>
                    <resource_ref id="ip"/>
                  </resource_set>
                </rsc_order>
                """);
        ConfigProblem p = only(validate(xml));
        assertEquals("ordering cycle: ip then web then fence then ip (constraints ip-then-web, set-order)",
                p.message());
        assertEquals(lineOf(xml, "id=\"ip-then-web\""), p.line());
    }

    @Test
    void orderingCycleBetweenSets() throws Exception {
        String xml = cib("""
                <rsc_order id="sets">
                  <resource_set id="sets-0" sequential="false">
                    <resource_ref id="fence"/>
                    <resource_ref id="web"/>
                  </resource_set>
                  <resource_set id="sets-1">
                    <resource_ref id="ip"/>
                  </resource_set>
                </rsc_order>
                """);
        ConfigProblem p = only(validate(xml));
        assertEquals("ordering cycle: ip then web then ip (constraints ip-then-web, sets)", p.message());
    }

    @Test
    void malformedScoresUseTheReadersWording() throws Exception {
        String xml = cib("""
                <rsc_location id="l-bad" rsc="ip" node="beta" score="abc"/>
                <rsc_colocation id="c-bad" rsc="ip" with-rsc="web" score="lots"/>
                <rsc_order id="o-bad" first="fence" then="ip" score="1e3"/>
                <rsc_location id="l-rule" rsc="web">
                  <rule id="r-bad" score="high">
                    <expression id="r-bad-expr" attribute="#uname" operation="eq" value="alpha"/>
                  </rule>
                </rsc_location>
                """);
        List<ConfigProblem> problems = validate(xml);
        String tail = " is not a score (expected an integer or [+-]INFINITY)";
        assertEquals(List.of(
                "rsc_location 'l-bad' has a malformed score: 'abc'" + tail,
                "rsc_colocation 'c-bad' has a malformed score: 'lots'" + tail,
                "rsc_order 'o-bad' has a malformed score: '1e3'" + tail,
                "rule 'r-bad' has a malformed score: 'high'" + tail),
                problems.stream().map(ConfigProblem::message).toList());
        assertEquals(lineOf(xml, "id=\"r-bad\""), problems.get(3).line());
        assertTrue(problems.stream().allMatch(ConfigProblem::isError));
        // the reader reports the same problems with the same text
        List<String> reader = CibReader.read(XmlParser.parse(xml, "test.xml")).problems().stream()
                .map(ConfigProblem::message).toList();
        assertTrue(reader.containsAll(problems.stream().map(ConfigProblem::message).toList()), reader::toString);
    }

    @Test
    void unknownResourceClass() throws Exception {
        String xml = cib("").replace("""
                <primitive id="fence" class="stonith" type="fence_xvm"/>""", """
                <primitive id="fence" class="stonith" type="fence_xvm"/>
                      <primitive id="odd" class="bogus" type="thing"/>""");
        ConfigProblem p = only(validate(xml));
        assertTrue(p.isError());
        assertEquals("primitive 'odd' has unknown resource class 'bogus' "
                + "(expected one of ocf, lsb, service, systemd, stonith)", p.message());
        assertEquals(lineOf(xml, "id=\"odd\""), p.line());
        List<String> reader = CibReader.read(XmlParser.parse(xml, "test.xml")).problems().stream()
                .map(ConfigProblem::message).toList();
        assertTrue(reader.contains(p.message()), reader::toString);
    }

    @Test
    void symmetricalOrderingsLoopThroughTheirStops() throws Exception {
        // ip-then-web (symmetrical) implies "stop web before ip"; this demands the opposite
        String xml = cib("""
                <rsc_order id="o-stop" first="ip" first-action="stop" then="web" then-action="stop" symmetrical="false"/>
                """);
        ConfigProblem p = only(validate(xml));
        assertEquals("ordering cycle: web (stop) then ip (stop) then web (stop) (constraints ip-then-web, o-stop)",
                p.message());
        String asymmetric = cib("""
                <rsc_order id="o-stop" first="ip" first-action="stop" then="web" then-action="stop" symmetrical="false"/>
                """).replace("first=\"ip\" then=\"web\"/>", "first=\"ip\" then=\"web\" symmetrical=\"false\"/>");
        assertEquals(List.of(), validate(asymmetric));
    }

    @Test
    void longSequentialChainDoesNotOverflow() throws Exception {
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            refs.append("    <resource_ref id=\"ip\"/>\n".replace("ip", i % 2 == 0 ? "ip" : "fence"));
        }
        String xml = cib("<rsc_order id=\"long\">\n  <resource_set id=\"long-0\">\n" + refs
                + "  </resource_set>\n</rsc_order>\n");
        ConfigProblem p = only(validate(xml));
        assertTrue(p.message().startsWith("ordering cycle: "), p.message());
    }
}
