package dev.vigil.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.Main;
import dev.vigil.cli.daemon.ipc.AccessPolicy;
import dev.vigil.cli.daemon.ipc.ControlServer;
import dev.vigil.cli.daemon.ipc.Request;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** {@code vigil status} output formats and {@code --watch}, against a stub daemon answering {@code status}. */
class StatusOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger calls = new AtomicInteger();
    private Path dir;
    private Path cibFile;
    private ControlServer server;
    private ObjectNode answer;
    private String out;
    private String err;

    @BeforeEach
    void startStubDaemon() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "vs");
        cibFile = Path.of(getClass().getResource("/inspect/three-nodes.xml").toURI());
        answer = (ObjectNode) JSON.readTree("""
                {"node": "node1", "dc": "node1", "members": ["node1", "node2", "node3"],
                 "links": [{"name": "ring0", "up": true, "reachable": ["node1", "node2", "node3"]}],
                 "cib_version": "0.20.7", "transition": "", "warnings": ["no fence device"],
                 "fencing_history": [{"target": "node3", "action": "reboot", "status": "SUCCESS", "origin": "node1",
                   "executioner": "node2", "level": 1, "devices": ["fd1"], "error": null,
                   "started": "2024-01-01T00:00:00Z", "finished": "2024-01-01T00:00:02Z"}],
                 "quorum": {"quorate": true, "deciding": false, "votes": 3, "summary": "3 of 3 votes"}}
                """);
        answer.put("cib", Files.readString(cibFile));
        server = ControlServer.start(dir.resolve("s"), this::answer, AccessPolicy.standard());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dir.resolve("s"));
        Files.deleteIfExists(dir);
    }

    private CompletableFuture<JsonNode> answer(Request r) {
        calls.incrementAndGet();
        return CompletableFuture.completedFuture(answer);
    }

    private int vigil(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--socket");
        all.add(dir.resolve("s").toString());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void jsonKeepsTheDaemonsFieldsAndAddsNodesResourcesFailuresAndFailCounts() throws Exception {
        assertEquals(0, vigil("status", "--output-as", "json"));
        JsonNode s = JSON.readTree(out);
        for (String field : List.of("node", "dc", "members", "links", "cib_version", "cib", "warnings",
                "fencing_history", "quorum")) {
            assertEquals(answer.get(field), s.get(field), field + " is passed through unchanged");
        }
        JsonNode node1 = s.get("nodes").get(0);
        assertEquals("node1", node1.get("name").asText());
        assertTrue(node1.get("online").asBoolean() && node1.get("dc").asBoolean() && node1.get("member").asBoolean());
        assertEquals(3, node1.get("resources_running").asInt());
        JsonNode node3 = s.get("nodes").get(2);
        assertTrue(node3.get("standby").asBoolean());
        assertFalse(node3.get("dc").asBoolean());
        JsonNode web = s.get("resources").get(0);
        assertEquals("web", web.get("id").asText());
        assertEquals("ocf:heartbeat:Dummy", web.get("agent").asText());
        assertEquals("[\"node1\"]", web.get("nodes").toString());
        assertTrue(web.get("failed").asBoolean() && web.get("managed").asBoolean());
        JsonNode db = s.get("resources").get(2);
        assertEquals("group", db.get("kind").asText());
        assertEquals("db-data", db.get("children").get(1).get("id").asText());
        assertEquals("Started", db.get("children").get(1).get("role").asText());
        JsonNode clone = s.get("resources").get(3);
        assertEquals("clone", clone.get("kind").asText());
        assertEquals(3, clone.get("children").size());
        assertEquals("Stopped", s.get("resources").get(4).get("target_role").asText());
        JsonNode failure = s.get("failed_actions").get(0);
        assertEquals("web_monitor_10000", failure.get("op_key").asText());
        assertEquals("not running", failure.get("rc_text").asText());
        assertEquals("state file gone", failure.get("exit_reason").asText());
        JsonNode count = s.get("fail_counts").get(0);
        assertEquals("node1 web 1 1", count.get("node").asText() + " " + count.get("resource").asText() + " "
                + count.get("count").asInt() + " " + count.get("operations").get("monitor_10000").asInt());
    }

    @Test
    void xmlIsLaidOutLikeCrmMon() throws Exception {
        assertEquals(0, vigil("status", "--output-as", "xml"));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
        assertEquals("vigil-status", d.getDocumentElement().getTagName());
        assertEquals(3 + 6, d.getElementsByTagName("node").getLength(), "3 nodes + 6 running placements");
        assertEquals("node1", ((org.w3c.dom.Element) d.getElementsByTagName("current_dc").item(0)).getAttribute("name"));
        assertEquals(1, d.getElementsByTagName("group").getLength());
        assertEquals("true", ((org.w3c.dom.Element) d.getElementsByTagName("current_dc").item(0))
                .getAttribute("with_quorum"));
        assertEquals("3", ((org.w3c.dom.Element) d.getElementsByTagName("quorum").item(0)).getAttribute("votes"));
        org.w3c.dom.Element failure = (org.w3c.dom.Element) d.getElementsByTagName("failure").item(0);
        assertEquals("web_monitor_10000", failure.getAttribute("op_key"));
        assertEquals("7", failure.getAttribute("exitcode"));
        assertEquals("node3", ((org.w3c.dom.Element) d.getElementsByTagName("fence_event").item(0))
                .getAttribute("target"));
    }

    @Test
    void textShowsFailuresFailCountsAndFencingHistory() {
        assertEquals(0, vigil("status"));
        assertTrue(out.contains("  * This node: node1\n"), out);
        assertTrue(out.contains("* web\t(ocf:heartbeat:Dummy):\t FAILED node1"), out);
        assertTrue(out.contains("Failed Resource Actions:\n  * web_monitor_10000 on node1 returned 7"), out);
        assertTrue(out.contains("Fencing History:\n  * reboot of node3 successful: delegate=node2, client=node1, "
                + "completed='2024-01-01T00:00:02Z'"), out);
    }

    @Test
    void watchRefreshesCountTimesWithOneJsonLineEach() throws Exception {
        assertEquals(0, vigil("status", "--watch", "--count", "3", "--interval", "0", "--output-as", "json"));
        assertEquals(3, calls.get());
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        for (String l : lines) {
            assertEquals("node1", JSON.readTree(l).get("dc").asText());
        }
    }

    @Test
    void wrongFormatsIntervalsAndCountsExit2() {
        assertEquals(2, vigil("status", "--output-as", "yaml"));
        assertEquals("vigil status: unknown output format 'yaml' (expected text, json or xml)\n", err);
        assertEquals(2, vigil("status", "--watch", "--interval", "soon"));
        assertTrue(err.startsWith("vigil status: 'soon' is not a time"), err);
        assertEquals(2, vigil("status", "--watch", "--count", "0"));
        assertEquals(0, calls.get(), "nothing was asked");
    }

    @Test
    void aCibFileWorksWithoutTheDaemonAndAnUnreachableDaemonExits4() throws Exception {
        assertEquals(0, vigil("status", "-x", cibFile.toString(), "--output-as", "json"));
        assertEquals(0, calls.get(), "-x does not ask the daemon");
        JsonNode s = JSON.readTree(out);
        assertEquals("node1", s.get("dc").asText());
        assertEquals(3, s.get("nodes").size());
        assertEquals(0, vigil("status", "-x", cibFile.toString()));
        assertFalse(out.contains("This node"), out);
        server.close();
        assertEquals(4, vigil("status"));
        assertTrue(err.startsWith("vigil status: cannot reach vigild"), err);
    }
}
