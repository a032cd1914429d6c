package dev.vigil.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vigil explain} on a saved CIB: three nodes, a sticky resource with a failure, a group, a clone. */
class ExplainCommandTest {
    private String out;
    private String err;

    private int vigil(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-x");
        all.add(Path.of(getClass().getResource("/inspect/three-nodes.xml").toURI()).toString());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void itemisesStickinessLocationsAndRulesAndSaysWhatWouldMoveIt() throws Exception {
        assertEquals(0, vigil("explain", "web"));
        assertTrue(out.startsWith("web (ocf:heartbeat:Dummy): FAILED on node1; stays on node1\n"), out);
        assertTrue(out.contains("  * node1: 100  <- chosen\n      +100        resource-stickiness=100 of web, which is "
                + "running here\n"), out);
        assertTrue(out.contains("      note: fail count 1 of web here; migration-threshold=3 (2 more and it is banned "
                + "from node1)"), out);
        assertTrue(out.contains("  * node2: 70\n      +50         location constraint 'web-prefers-node2' (web 50 on "
                + "node2)\n      +20         rule 'web-rack-rule' of location constraint 'web-rack' (web 20 on node2)"),
                out);
        assertTrue(out.contains("-INFINITY   node3 is in standby"), out);
        assertTrue(out.contains("  * to node2: a location score of more than 30 for web on node2 (it has 70 there, 100 "
                + "on node1), e.g. 'vigil resource move web node2'"), out);
        assertTrue(out.contains("  * to node3: not while node3 is in standby (fix: vigil node online node3)"), out);
        assertTrue(out.contains("it goes to node2 (score 70)"), out);
        assertTrue(out.contains("Recover    web   ( node1 )"), "the scheduler's summary line: " + out);
    }

    @Test
    void theItemsAddUpToTheSchedulersScoresInJson() throws Exception {
        assertEquals(0, vigil("explain", "web", "--output-as", "json"));
        JsonNode e = new ObjectMapper().readTree(out);
        assertEquals("web", e.get("unit").asText());
        assertEquals("stays on node1", e.get("decision").asText());
        List<String> seen = new ArrayList<>();
        for (JsonNode s : e.get("scores")) {
            assertEquals(s.get("score").asText(), s.get("itemised").asText(), "node " + s.get("node"));
            seen.add(s.get("node").asText() + "=" + s.get("score").asText() + (s.get("chosen").asBoolean() ? "*" : ""));
        }
        assertEquals(List.of("node1=100*", "node2=70", "node3=-INFINITY"), seen);
        JsonNode first = e.get("scores").get(0).get("contributions").get(0);
        assertEquals("stickiness", first.get("kind").asText());
        assertEquals("+100", first.get("score").asText());
    }

    @Test
    void aGroupMemberIsExplainedThroughItsGroupAndAMoveBanNamesItsClear() throws Exception {
        assertEquals(0, vigil("explain", "db-ip"));
        assertTrue(out.contains("db-ip is part of group db, which the scheduler places as one unit"), out);
        assertTrue(out.contains("-INFINITY   location constraint 'cli-ban-db-on-node1', a ban made by 'vigil resource "
                + "move' (db -INFINITY on node1)"), out);
        assertTrue(out.contains("(fix: vigil resource clear db)"), out);
    }

    @Test
    void aColocatedResourceFollowsItsPrimary() throws Exception {
        assertEquals(0, vigil("explain", "web-ip"));
        assertTrue(out.contains("-INFINITY   colocation 'ip-with-web' (web-ip with web, score INFINITY), which is going "
                + "to node1"), out);
        assertTrue(out.contains("it must run with web: whatever moves web moves it"), out);
        assertEquals(0, vigil("explain", "web"));
        assertTrue(out.contains("resources colocated with it pull it toward the nodes they prefer: web-ip"), out);
    }

    @Test
    void aStoppedResourceAndACloneSayWhy() throws Exception {
        assertEquals(0, vigil("explain", "spare"));
        assertTrue(out.startsWith("spare (ocf:heartbeat:Dummy): Stopped; stays stopped\n"), out);
        assertTrue(out.contains("What would start it:\n  * it is stopped on purpose: 'vigil resource start spare'"), out);
        assertEquals(0, vigil("explain", "ping"));
        assertTrue(out.contains("ping is part of clone ping-clone"), out);
        assertTrue(out.contains("  * node1: 0  <- an instance runs here\n"), out);
        assertTrue(out.contains("  * node2: 0  <- an instance runs here\n"), out);
    }

    @Test
    void anUnknownResourceExits1WithTheKnownOnesAndASuggestion() throws Exception {
        assertEquals(1, vigil("explain", "wbe"));
        assertEquals("vigil explain: unknown resource 'wbe' (known: web, web-ip, db, db-ip, db-data, ping-clone, ping, "
                + "spare); did you mean 'web'?\n", err);
        assertEquals("", out);
    }

    @Test
    void aMissingFileExits3AndAMissingDaemonExits4() throws Exception {
        StringWriter e = new StringWriter();
        assertEquals(3, Main.run(new String[] {"explain", "web", "-x", "/nonexistent/cib.xml"}, new PrintWriter(
                new StringWriter()), new PrintWriter(e, true)));
        assertEquals("vigil explain: /nonexistent/cib.xml: no such file\n", e.toString());
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "vx");
        e = new StringWriter();
        assertEquals(4, Main.run(new String[] {"explain", "web", "--socket", dir.resolve("none.sock").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(e, true)));
        assertTrue(e.toString().startsWith("vigil explain: "), e.toString());
        Files.delete(dir);
    }
}
