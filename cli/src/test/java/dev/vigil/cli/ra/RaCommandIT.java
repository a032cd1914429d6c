package dev.vigil.cli.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil ra} as an admin uses it, against the real agents installed on the machine. */
class RaCommandIT {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void bundledAgents() {
        System.setProperty("vigil.agents", Path.of("../resource-agents/src/main/agents").toAbsolutePath().toString());
    }

    private static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void execRunsAnAgentAndExitsWithItsOcfCode() {
        String state = "state=" + tmp.resolve("d.state");
        Run start = vigil("ra", "exec", "ocf:heartbeat:Dummy", "start", "-p", state, "-r", "web");
        assertEquals(0, start.code(), start.toString());
        assertTrue(start.out().startsWith("ocf:heartbeat:Dummy start (web): ok (rc=0) in "), start.out());
        assertEquals(0, vigil("ra", "exec", "ocf:heartbeat:Dummy", "monitor", "-p", state, "-r", "web").code());
        assertEquals(0, vigil("ra", "exec", "ocf:heartbeat:Dummy", "stop", "-p", state, "-r", "web").code());
        Run monitor = vigil("ra", "exec", "ocf:heartbeat:Dummy", "monitor", "-p", state, "-r", "web");
        assertEquals(7, monitor.code());
        assertTrue(monitor.out().contains(": not running (rc=7)"), monitor.out());
    }

    @Test
    void execReportsAMissingAgentAsNotInstalled() {
        Run r = vigil("ra", "exec", "ocf:heartbeat:NoSuchAgent", "start");
        assertEquals(5, r.code());
        assertTrue(r.out().contains("not installed") && r.out().contains("ocf:heartbeat:NoSuchAgent"), r.out());
    }

    @Test
    void execRefusesAMissingRequiredParameter() {
        Run r = vigil("ra", "exec", "ocf:heartbeat:IPaddr2", "start");
        assertEquals(6, r.code());
        assertTrue(r.out().contains("reason: missing required parameter 'ip' of ocf:heartbeat:IPaddr2"), r.out());
    }

    @Test
    void execTimesOutAHungAgent() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ocf/test"));
        Path agent = dir.resolve("Hang");
        Files.writeString(agent, "#!/bin/sh\n[ \"$1\" = meta-data ] && exit 1\nsleep 600\n");
        agent.toFile().setExecutable(true);
        String old = System.getProperty("vigil.agents");
        System.setProperty("vigil.agents", tmp.toString());
        try {
            Run r = vigil("ra", "exec", "ocf:test:Hang", "start", "--timeout", "500ms");
            assertEquals(RaExecCommand.TIMED_OUT, r.code(), r.toString());
            assertTrue(r.out().contains("timed out (no exit code)") && r.out().contains("timed out after 500ms"),
                    r.out());
        } finally {
            System.setProperty("vigil.agents", old);
        }
    }

    @Test
    void execPrintsJson() throws Exception {
        Run r = vigil("ra", "exec", "ocf:heartbeat:Dummy", "monitor", "-p", "state=" + tmp.resolve("none"),
                "--output-as", "json");
        assertEquals(7, r.code());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("not_running", json.get("result").asText());
        assertEquals(7, json.get("rc").asInt());
        assertEquals("Dummy_monitor_0", json.get("operation_key").asText());
    }

    @Test
    void execMetadataPrintsTheAgentsXml() {
        Run r = vigil("ra", "exec", "ocf:heartbeat:Dummy", "meta-data");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("<resource-agent name=\"Dummy\""), r.out());
    }

    @Test
    void infoShowsParametersAndActions() {
        Run r = vigil("ra", "info", "ocf:heartbeat:IPaddr2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ocf:heartbeat:IPaddr2 - "), r.out());
        assertTrue(r.out().contains("\n  ip * [unique] (string"), r.out());
        assertTrue(r.out().contains("\n  start timeout=20s"), r.out());
        Run missing = vigil("ra", "info", "ocf:heartbeat:Nope");
        assertEquals(5, missing.code());
        assertTrue(missing.err().contains("ocf:heartbeat:Nope is not installed"), missing.err());
        assertEquals(2, vigil("ra", "info", "nonsense").code());
    }

    @Test
    void listShowsInstalledAgentsByClassAndProvider() {
        Run all = vigil("ra", "list", "ocf");
        assertEquals(0, all.code());
        List<String> lines = all.out().lines().toList();
        assertTrue(lines.contains("ocf:heartbeat:Dummy") && lines.contains("ocf:pacemaker:Stateful")
                && lines.contains("ocf:vigil:Dummy"), all.out());
        Run vigil = vigil("ra", "list", "ocf:vigil");
        assertTrue(vigil.out().lines().allMatch(l -> l.startsWith("ocf:vigil:")), vigil.out());
        assertTrue(vigil("ra", "list", "--providers").out().lines().toList().containsAll(
                List.of("heartbeat", "pacemaker", "vigil")));
        assertEquals(2, vigil("ra", "list", "nosuchclass").code());
        assertEquals(3, vigil("ra", "list", "ocf:nosuchprovider").code());
    }
}
