package dev.vigil.cib.document;

import static dev.vigil.cib.document.DocumentFixture.applied;
import static dev.vigil.cib.document.DocumentFixture.byId;
import static dev.vigil.cib.document.DocumentFixture.document;
import static dev.vigil.cib.document.DocumentFixture.one;
import static dev.vigil.cib.document.DocumentFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.CibVersion;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoveConstraintsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static CibChange set(XmlElement constraint) {
        return new CibChange.LocationConstraintSet(constraint.toString());
    }

    @Test
    void preferAndBanHaveCrmResourcesShortForm() {
        assertEquals("<rsc_location id=\"cli-prefer-web\" rsc=\"web\" role=\"Started\" node=\"node2\" "
                + "score=\"INFINITY\"/>", MoveConstraints.prefer("web", "node2", null).toString().strip());
        assertEquals("<rsc_location id=\"cli-ban-web-on-node1\" rsc=\"web\" role=\"Started\" node=\"node1\" "
                + "score=\"-INFINITY\"/>", MoveConstraints.ban("web", "node1", null).toString().strip());
    }

    @Test
    void aLifetimeBecomesARuleWithADateExpressionAsCrmResourceWritesIt() {
        XmlElement c = MoveConstraints.prefer("web", "node2", NOW.plus(Duration.ofMinutes(10)));
        assertEquals(null, c.attr("node"));
        XmlElement rule = c.element("rule");
        assertEquals("cli-prefer-rule-web", rule.attr("id"));
        assertEquals("INFINITY", rule.attr("score"));
        XmlElement expr = rule.element("expression");
        assertEquals("cli-prefer-expr-web", expr.attr("id"));
        assertEquals("#uname", expr.attr("attribute"));
        assertEquals("node2", expr.attr("value"));
        XmlElement date = rule.element("date_expression");
        assertEquals("cli-prefer-lifetime-end-web", date.attr("id"));
        assertEquals("lt", date.attr("operation"));
        assertEquals("2024-05-01 12:10:00Z", date.attr("end"));
        XmlElement ban = MoveConstraints.ban("web", "node1", NOW);
        assertEquals("cli-ban-web-on-node1-lifetime", ban.element("rule").element("date_expression").attr("id"));
    }

    @Test
    void addsThenReplacesOneLocationConstraintById() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, set(MoveConstraints.prefer("web", "node2", null)));
        assertEquals("node2", one(doc, "cli-prefer-web").attr("node"));
        assertEquals(new CibVersion(0, 8, 0), doc.version());
        applied(doc, set(MoveConstraints.prefer("web", "node1", null)));
        assertEquals("node1", one(doc, "cli-prefer-web").attr("node"), "replaced, not duplicated");
        assertTrue(doc.model().constraints().stream().anyMatch(c -> c.id().equals("cli-prefer-web")));
    }

    @Test
    void aConstraintForAnUnknownResourceOrOfAnotherKindIsRefused() throws Exception {
        assertEquals(List.of("no resource 'nosuch' in the configuration"),
                refused(document(), set(MoveConstraints.prefer("nosuch", "node2", null))));
        assertTrue(refused(document(), new CibChange.LocationConstraintSet("<rsc_order id=\"o\" first=\"a\" "
                + "then=\"b\"/>")).get(0).contains("rsc_location"));
        assertTrue(refused(document(), new CibChange.LocationConstraintSet("<rsc_location rsc=\"web\" node=\"node1\" "
                + "score=\"1\"/>")).get(0).contains("no id"));
        refused(document(), new CibChange.LocationConstraintSet("<rsc_location id=\"x\""));
    }

    @Test
    void anInvalidConstraintIsRefusedByTheValidatorAndNothingChanges() throws Exception {
        List<String> problems = refused(document(), new CibChange.LocationConstraintSet(
                "<rsc_location id=\"x\" rsc=\"web\" node=\"node1\"/>"));
        assertTrue(problems.get(0).contains("no score"), problems.toString());
    }

    @Test
    void clearRemovesThePreferenceAndEveryBanOfTheResourceOnly() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, set(MoveConstraints.prefer("web", "node2", null)));
        applied(doc, set(MoveConstraints.ban("web", "node1", NOW)));
        applied(doc, set(MoveConstraints.ban("web", "node3", null)));
        applied(doc, set(MoveConstraints.ban("db", "node1", null)));
        assertEquals(List.of("cli-prefer-web", "cli-ban-web-on-node1", "cli-ban-web-on-node3"),
                MoveConstraints.find(doc.root(), "web", null));
        applied(doc, new CibChange.MoveConstraintsCleared("web", null));
        assertEquals(List.of(), MoveConstraints.find(doc.root(), "web", null));
        assertEquals(1, byId(doc.root(), "cli-ban-db-on-node1").size(), "another resource's ban stays");
        assertEquals(1, byId(doc.root(), "loc-db").size(), "constraints of other origins stay");
    }

    @Test
    void clearOnOneNodeRemovesOnlyItsBanAndAPreferenceForIt() throws Exception {
        XmlCibDocument doc = document();
        applied(doc, set(MoveConstraints.prefer("web", "node2", NOW.plusSeconds(60))));
        applied(doc, set(MoveConstraints.ban("web", "node1", null)));
        assertEquals(List.of("cli-ban-web-on-node1"), MoveConstraints.find(doc.root(), "web", "node1"));
        assertEquals(List.of("cli-prefer-web"), MoveConstraints.find(doc.root(), "web", "node2"));
        applied(doc, new CibChange.MoveConstraintsCleared("web", "node2"));
        assertEquals(List.of("cli-ban-web-on-node1"), MoveConstraints.find(doc.root(), "web", null));
    }

    @Test
    void clearingWhenThereIsNothingSucceedsButAnUnknownResourceIsRefused() throws Exception {
        XmlCibDocument doc = document();
        String constraints = doc.root().element("configuration").element("constraints").toString();
        applied(doc, new CibChange.MoveConstraintsCleared("web", null));
        assertEquals(constraints, doc.root().element("configuration").element("constraints").toString());
        assertEquals(List.of("no resource 'nosuch' in the configuration"),
                refused(doc, new CibChange.MoveConstraintsCleared("nosuch", null)));
    }

    @Test
    void anExpiredMoveNoLongerAppliesInTheScheduler() throws Exception {
        XmlCibDocument doc = document("""
                <cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.10">
                  <configuration>
                    <crm_config><cluster_property_set id="opts">
                      <nvpair id="o1" name="stonith-enabled" value="false"/>
                    </cluster_property_set></crm_config>
                    <nodes><node id="node1" uname="node1"/><node id="node2" uname="node2"/></nodes>
                    <resources><primitive id="web" class="ocf" provider="heartbeat" type="Dummy"/></resources>
                    <constraints><rsc_location id="loc-web" rsc="web" node="node1" score="100"/></constraints>
                  </configuration>
                  <status>
                    <node_state id="node1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
                    <node_state id="node2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
                  </status>
                </cib>
                """);
        Instant end = NOW.plus(Duration.ofMinutes(10));
        applied(doc, set(MoveConstraints.prefer("web", "node2", end)));
        assertEquals(List.of("node2"), placedOn(doc, NOW), "while the move lasts");
        assertEquals(List.of("node2"), placedOn(doc, end.minusSeconds(1)));
        assertEquals(List.of("node1"), placedOn(doc, end.plusSeconds(1)), "after it expired");
        applied(doc, set(MoveConstraints.ban("web", "node1", end)));
        applied(doc, new CibChange.MoveConstraintsCleared("web", "node2"));
        assertEquals(List.of("node2"), placedOn(doc, NOW), "the ban keeps it off node1");
        assertEquals(List.of("node1"), placedOn(doc, end.plusSeconds(1)), "until the ban expires");
    }

    private static List<String> placedOn(XmlCibDocument doc, Instant now) {
        ClusterView after = Scheduler.schedule(doc.model(), now).after();
        return after.resources().stream().filter(r -> r.id().equals("web"))
                .flatMap(r -> r.placements().stream()).map(ClusterView.Placement::node).toList();
    }
}
