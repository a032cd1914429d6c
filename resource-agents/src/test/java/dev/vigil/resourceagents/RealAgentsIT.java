package dev.vigil.resourceagents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.AttributeUpdate;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.port.ResourceAgentId;
import dev.vigil.resourceagents.metadata.AgentMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor driving the real ClusterLabs agents installed by Debian's {@code resource-agents}
 * and {@code pacemaker-resource-agents} packages (installed by {@code .ci/run}), and an LSB init
 * script, with Vigil's compat shims on the agents' PATH.
 */
class RealAgentsIT {
    private static final Path OCF_ROOT = Path.of("/usr/lib/ocf");

    @TempDir
    Path tmp;
    private LocalAgentExecutor executor;

    @BeforeAll
    static void agentsInstalled() {
        for (String a : List.of("heartbeat/Dummy", "heartbeat/anything", "pacemaker/Stateful")) {
            assertTrue(Files.isExecutable(OCF_ROOT.resolve("resource.d").resolve(a)),
                    "/usr/lib/ocf/resource.d/" + a + " is missing: apt-get install resource-agents "
                            + "pacemaker-resource-agents (as .ci/run does)");
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        // Keep the agents' state files in this test's directory.
        env.put("HA_RSCTMP", tmp.resolve("rsctmp").toString());
        env.put("HA_VARRUN", tmp.resolve("run").toString() + "/");
        Files.createDirectories(tmp.resolve("rsctmp"));
        Files.createDirectories(tmp.resolve("run"));
        env.remove("OCF_RA_PATH");
        env.remove("OCF_ROOT");
        ExecutorSettings s = ExecutorSettings.forHost("node1", env, Path.of("src/main/agents").toAbsolutePath(),
                tmp.resolve("work")).withLsbDirectories(List.of(tmp.resolve("init.d")));
        executor = new LocalAgentExecutor(s);
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private OperationResult run(String rsc, String agent, String action, Map<String, String> params) throws Exception {
        return executor.execute(OperationRequest.of(rsc, ResourceAgentId.parse(agent), action, Duration.ofSeconds(20),
                params)).get();
    }

    private static void assertStatus(OcfStatus expected, OperationResult r) {
        assertEquals(ExecStatus.DONE, r.execStatus(), r.toString());
        assertEquals(expected, r.status(), r.request().action() + ": " + r.exitReason() + "\n" + r.errorOutput());
    }

    @Test
    void heartbeatDummyStartsMonitorsAndStops() throws Exception {
        Map<String, String> p = Map.of("state", tmp.resolve("dummy.state").toString());
        String a = "ocf:heartbeat:Dummy";
        assertStatus(OcfStatus.NOT_RUNNING, run("d1", a, "monitor", p));
        assertStatus(OcfStatus.SUCCESS, run("d1", a, "start", p));
        assertStatus(OcfStatus.SUCCESS, run("d1", a, "monitor", p));
        assertStatus(OcfStatus.SUCCESS, run("d1", a, "stop", p));
        assertStatus(OcfStatus.NOT_RUNNING, run("d1", a, "monitor", p));
        assertStatus(OcfStatus.SUCCESS, run("d1", a, "validate-all", p));
    }

    @Test
    void pacemakerStatefulIsPromotedAndDemotedAndReportsItsPromotionScore() throws Exception {
        Map<String, String> p = Map.of();
        String a = "ocf:pacemaker:Stateful";
        OperationResult start = run("st:0", a, "start", p);
        assertStatus(OcfStatus.SUCCESS, start);
        assertTrue(start.attributeUpdates().contains(new AttributeUpdate("master-st", "5", "reboot", null)),
                "the promotion score set through crm_attribute reaches the executor: " + start.attributeUpdates());
        assertStatus(OcfStatus.SUCCESS, run("st:0", a, "monitor", p));
        OperationResult promote = run("st:0", a, "promote", p);
        assertStatus(OcfStatus.SUCCESS, promote);
        assertTrue(promote.attributeUpdates().contains(new AttributeUpdate("master-st", "10", "reboot", null)),
                promote.attributeUpdates().toString());
        assertStatus(OcfStatus.RUNNING_PROMOTED, run("st:0", a, "monitor", p));
        assertStatus(OcfStatus.SUCCESS, run("st:0", a, "demote", p));
        assertStatus(OcfStatus.SUCCESS, run("st:0", a, "monitor", p));
        OperationResult stop = run("st:0", a, "stop", p);
        assertStatus(OcfStatus.SUCCESS, stop);
        assertTrue(stop.attributeUpdates().stream().anyMatch(u -> u.name().equals("master-st") && u.isDelete()),
                stop.attributeUpdates().toString());
        assertStatus(OcfStatus.NOT_RUNNING, run("st:0", a, "monitor", p));
    }

    @Test
    void heartbeatAnythingSupervisesARealDaemon() throws Exception {
        String marker = "31" + ProcessHandle.current().pid() + "7";
        Map<String, String> p = Map.of("binfile", "/bin/sleep", "cmdline_options", marker,
                "pidfile", tmp.resolve("anything.pid").toString(), "logfile", tmp.resolve("anything.log").toString());
        String a = "ocf:heartbeat:anything";
        try {
            assertStatus(OcfStatus.SUCCESS, run("sleeper", a, "start", p));
            assertEquals(1, Processes.withMarker(marker).size(), "one daemon runs");
            assertStatus(OcfStatus.SUCCESS, run("sleeper", a, "monitor", p));
            assertStatus(OcfStatus.SUCCESS, run("sleeper", a, "stop", p));
            await().atMost(Duration.ofSeconds(5)).until(() -> Processes.withMarker(marker).isEmpty());
            assertStatus(OcfStatus.NOT_RUNNING, run("sleeper", a, "monitor", p));
        } finally {
            Processes.killAll(marker);
        }
    }

    @Test
    void aMissingRequiredParameterOfARealAgentIsAConfigurationError() throws Exception {
        OperationResult r = run("x", "ocf:heartbeat:anything", "start", Map.of());
        assertEquals(ExecStatus.INVALID, r.execStatus());
        assertEquals(OcfStatus.ERR_CONFIGURED, r.status());
        assertTrue(r.exitReason().contains("missing required parameter 'binfile' of ocf:heartbeat:anything"),
                r.exitReason());
    }

    @Test
    void realMetadataIsParsed() {
        AgentMetadata md = executor.metadata(ResourceAgentId.parse("ocf:heartbeat:IPaddr2"));
        assertTrue(md.parameter("ip").orElseThrow().required());
        assertEquals(Duration.ofSeconds(20), md.action("start").orElseThrow().timeout());
        AgentMetadata st = executor.metadata(ResourceAgentId.parse("ocf:pacemaker:Stateful"));
        assertTrue(st.supports("promote") && st.supports("demote"));
    }

    @Test
    void anLsbInitScriptFollowsLsbRules() throws Exception {
        String marker = "42" + ProcessHandle.current().pid() + "9";
        Path pidfile = tmp.resolve("svc.pid");
        Path initd = Files.createDirectories(tmp.resolve("init.d"));
        Path script = initd.resolve("vigil-test-svc");
        // Like many real init scripts, this one bends the rules: stopping a stopped service exits 1.
        Files.writeString(script, """
                #!/bin/sh
                ### BEGIN INIT INFO
                # Provides:          vigil-test-svc
                # Short-Description: Test service for Vigil
                # Description:       A sleeping daemon managed like a real service.
                ### END INIT INFO
                PIDFILE=%s
                running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
                case "$1" in
                  start) running && exit 0
                         setsid sleep %s </dev/null >/dev/null 2>&1 &
                         echo $! > "$PIDFILE"; exit 0;;
                  stop)  running || exit 1
                         kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; exit 0;;
                  status) running && exit 0
                         [ -f "$PIDFILE" ] && exit 1
                         exit 3;;
                  *) echo "Usage: $0 {start|stop|status}"; exit 2;;
                esac
                """.formatted(pidfile, marker));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String a = "lsb:vigil-test-svc";
        try {
            assertStatus(OcfStatus.NOT_RUNNING, run("svc", a, "monitor", Map.of()));
            assertStatus(OcfStatus.SUCCESS, run("svc", a, "start", Map.of()));
            assertStatus(OcfStatus.SUCCESS, run("svc", a, "monitor", Map.of()));
            assertStatus(OcfStatus.SUCCESS, run("svc", a, "stop", Map.of()));
            await().atMost(Duration.ofSeconds(5)).until(() -> Processes.withMarker(marker).isEmpty());
            assertStatus(OcfStatus.NOT_RUNNING, run("svc", a, "monitor", Map.of()));
            OperationResult again = run("svc", a, "stop", Map.of());
            assertStatus(OcfStatus.SUCCESS, again);
            assertTrue(again.exitReason().contains("status says the service is stopped"), again.exitReason());
            OperationResult md = run("svc", a, "meta-data", Map.of());
            assertTrue(md.output().contains("Test service for Vigil"), md.output());
            assertTrue(executor.catalog().list("lsb", null).contains(ResourceAgentId.parse(a)));
        } finally {
            Processes.killAll(marker);
        }
    }

    @Test
    void aHungRealStyleAgentWithChildrenLeavesNothingBehind() throws Exception {
        String marker = "53" + ProcessHandle.current().pid() + "1";
        Path provider = Files.createDirectories(tmp.resolve("ocf/hang"));
        Path agent = provider.resolve("Hang");
        Files.writeString(agent, "#!/bin/sh\n[ \"$1\" = meta-data ] && { echo '<resource-agent name=\"Hang\"/>'; "
                + "exit 0; }\nsleep " + marker + " &\nsh -c 'sleep " + marker + "' &\nwait\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        ExecutorSettings s = new ExecutorSettings(OCF_ROOT, List.of(tmp.resolve("ocf")), List.of(), null, "node1", 2,
                64 * 1024, Duration.ofMillis(500), System.getenv(), tmp.resolve("work2"));
        try (LocalAgentExecutor ex = new LocalAgentExecutor(s)) {
            OperationResult r = ex.execute(OperationRequest.of("h", ResourceAgentId.parse("ocf:hang:Hang"), "start",
                    Duration.ofSeconds(1), Map.of())).get();
            assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
            await().atMost(Duration.ofSeconds(3)).until(() -> Processes.withMarker(marker).isEmpty());
        } finally {
            Processes.killAll(marker);
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }
}
