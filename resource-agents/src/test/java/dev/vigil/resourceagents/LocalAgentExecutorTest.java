package dev.vigil.resourceagents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.port.ResourceAgentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor against small agents written by the test, so every behaviour is under control. */
class LocalAgentExecutorTest {
    private static final String METADATA = """
            <?xml version="1.0"?>
            <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
            <resource-agent name="T" version="1">
              <version>1.1</version>
              <shortdesc lang="en">test agent</shortdesc>
              <parameters>
                <parameter name="dir" required="1" unique="1"><shortdesc lang="en">scratch dir</shortdesc>
                  <content type="string"/></parameter>
                <parameter name="count"><content type="integer" default="1"/></parameter>
              </parameters>
              <actions><action name="start" timeout="20s"/><action name="monitor" timeout="20s" interval="10s"/></actions>
            </resource-agent>
            """;

    @TempDir
    Path tmp;
    private Path provider;
    private LocalAgentExecutor executor;

    @BeforeEach
    void setUp() throws IOException {
        provider = tmp.resolve("resource.d/test");
        Files.createDirectories(provider);
        executor = newExecutor(4);
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private LocalAgentExecutor newExecutor(int concurrency) {
        ExecutorSettings s = new ExecutorSettings(Path.of("/usr/lib/ocf"), List.of(tmp.resolve("resource.d")),
                List.of(tmp.resolve("init.d")), null, "node1", concurrency, 64 * 1024, Duration.ofMillis(300),
                Map.of("PATH", "/usr/bin:/bin"), tmp.resolve("work"));
        return new LocalAgentExecutor(s);
    }

    /** Writes agent {@code ocf:test:NAME} whose actions are the given shell case branches. */
    private void agent(String name, String cases) throws IOException {
        Path p = provider.resolve(name);
        Files.writeString(p, "#!/bin/sh\ncase \"$1\" in\nmeta-data) cat <<'XML'\n" + METADATA + "XML\nexit 0;;\n"
                + cases + "\n*) exit 3;;\nesac\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private OperationRequest op(String agent, String action, Map<String, String> params) {
        return OperationRequest.of("r1", ResourceAgentId.parse("ocf:test:" + agent), action, Duration.ofSeconds(10),
                params);
    }

    private Map<String, String> dir() {
        return Map.of("dir", tmp.toString());
    }

    @Test
    void passesTheOcfEnvironmentAndMapsExitCodes() throws Exception {
        agent("Env", "start) env | grep -E '^OCF_' | sort > \"$OCF_RESKEY_dir/env\"; exit 0;;\n"
                + "monitor) exit 7;;");
        OperationRequest start = new OperationRequest("web:1", ResourceAgentId.parse("ocf:test:Env"), "start",
                Duration.ZERO, Duration.ofSeconds(15), dir(), Map.of("clone-max", "2"), 0);
        OperationResult r = executor.execute(start).get();
        assertTrue(r.isSuccess(), r.toString());
        String env = Files.readString(tmp.resolve("env"));
        for (String line : List.of("OCF_RA_VERSION_MAJOR=1", "OCF_RESOURCE_INSTANCE=web:1",
                "OCF_RESOURCE_PROVIDER=test", "OCF_RESOURCE_TYPE=Env", "OCF_RESKEY_dir=" + tmp,
                "OCF_RESKEY_CRM_meta_clone_max=2", "OCF_RESKEY_CRM_meta_timeout=15000",
                "OCF_RESKEY_CRM_meta_interval=0", "OCF_ROOT=/usr/lib/ocf")) {
            assertTrue(env.contains(line + "\n"), "missing " + line + " in\n" + env);
        }
        OperationResult m = executor.execute(op("Env", "monitor", dir())).get();
        assertEquals(ExecStatus.DONE, m.execStatus());
        assertEquals(OcfStatus.NOT_RUNNING, m.status());
    }

    @Test
    void theExitReasonComesFromStderr() throws Exception {
        agent("Fail", "start) echo 'ocf-exit-reason:first' >&2; echo 'ocf-exit-reason:Port 80 in use' >&2; exit 1;;");
        OperationResult r = executor.execute(op("Fail", "start", dir())).get();
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertEquals(ExecStatus.DONE, r.execStatus());
        assertEquals("Port 80 in use", r.exitReason());
    }

    @Test
    void aGarbageExitCodeIsAnErrorNotAResult() throws Exception {
        agent("Garbage", "start) exit 42;;\nstop) kill -9 $$;;");
        OperationResult r = executor.execute(op("Garbage", "start", dir())).get();
        assertEquals(ExecStatus.ERROR, r.execStatus());
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertEquals(42, r.exitCode());
        assertTrue(r.exitReason().contains("42") && r.exitReason().contains("not an OCF exit code"), r.exitReason());
        OperationResult killed = executor.execute(op("Garbage", "stop", dir())).get();
        assertEquals(ExecStatus.ERROR, killed.execStatus());
        assertTrue(killed.exitReason().contains("signal 9"), killed.exitReason());
    }

    @Test
    void degradedCodesAreResults() throws Exception {
        agent("Deg", "monitor) exit 190;;\npromote) exit 191;;");
        assertEquals(OcfStatus.DEGRADED, executor.execute(op("Deg", "monitor", dir())).get().status());
        assertEquals(OcfStatus.DEGRADED_PROMOTED, executor.execute(op("Deg", "promote", dir())).get().status());
    }

    @Test
    void aMissingAgentIsNotInstalled() throws Exception {
        OperationResult r = executor.execute(op("Nope", "start", dir())).get();
        assertEquals(ExecStatus.NOT_INSTALLED, r.execStatus());
        assertEquals(OcfStatus.ERR_INSTALLED, r.status());
        assertEquals(5, r.status().code());
        assertTrue(r.exitReason().contains("ocf:test:Nope is not installed"), r.exitReason());
    }

    @Test
    void aNonExecutableAgentIsNotInstalled() throws Exception {
        agent("NoX", "start) exit 0;;");
        Files.setPosixFilePermissions(provider.resolve("NoX"), PosixFilePermissions.fromString("rw-r--r--"));
        OperationResult r = executor.execute(op("NoX", "start", dir())).get();
        assertEquals(ExecStatus.NOT_INSTALLED, r.execStatus());
        assertTrue(r.exitReason().contains("not executable"), r.exitReason());
    }

    @Test
    void aMissingRequiredParameterIsRefusedWithoutRunningTheAgent() throws Exception {
        Path ran = tmp.resolve("ran");
        agent("Req", "start) touch " + ran + "; exit 0;;");
        OperationResult r = executor.execute(op("Req", "start", Map.of())).get();
        assertEquals(ExecStatus.INVALID, r.execStatus());
        assertEquals(OcfStatus.ERR_CONFIGURED, r.status());
        assertTrue(r.exitReason().contains("missing required parameter 'dir' of ocf:test:Req (scratch dir)"),
                r.exitReason());
        assertFalse(Files.exists(ran), "the agent must not run");
        OperationResult typed = executor.execute(op("Req", "start", Map.of("dir", "/x", "count", "many"))).get();
        assertTrue(typed.exitReason().contains("'count'") && typed.exitReason().contains("integer"),
                typed.exitReason());
    }

    @Test
    void anUnknownActionIsRefused() throws Exception {
        agent("A", "start) exit 0;;");
        OperationResult r = executor.execute(op("A", "explode", dir())).get();
        assertEquals(ExecStatus.INVALID, r.execStatus());
        assertEquals(OcfStatus.ERR_UNIMPLEMENTED, r.status());
    }

    @Test
    void aHungAgentTimesOut() throws Exception {
        agent("Hang", "start) sleep 600;;");
        OperationRequest start = OperationRequest.of("r1", ResourceAgentId.parse("ocf:test:Hang"), "start",
                Duration.ofMillis(400), dir());
        OperationResult r = executor.execute(start).get();
        assertEquals(ExecStatus.TIMED_OUT, r.execStatus());
        assertEquals(OcfStatus.ERR_GENERIC, r.status());
        assertTrue(r.exitReason().startsWith("timed out after 400ms"), r.exitReason());
    }

    @Test
    void operationsOfOneResourceNeverOverlap() throws Exception {
        Path log = tmp.resolve("log");
        agent("Slow", "start|stop) echo \"begin $1\" >> " + log + "; sleep 0.2; echo \"end $1\" >> " + log
                + "; exit 0;;");
        List<CompletableFuture<OperationResult>> all = List.of(
                executor.execute(op("Slow", "start", dir())), executor.execute(op("Slow", "stop", dir())),
                executor.execute(op("Slow", "start", dir())));
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        assertEquals(List.of("begin start", "end start", "begin stop", "end stop", "begin start", "end start"),
                Files.readAllLines(log));
    }

    @Test
    void theNodeLimitBoundsConcurrentOperations() throws Exception {
        executor.close();
        executor = newExecutor(1);
        Path log = tmp.resolve("log");
        agent("Slow", "start) echo \"begin $OCF_RESOURCE_INSTANCE\" >> " + log + "; sleep 0.2; echo \"end "
                + "$OCF_RESOURCE_INSTANCE\" >> " + log + "; exit 0;;");
        List<CompletableFuture<OperationResult>> all = List.of("a", "b", "c").stream()
                .map(id -> executor.execute(OperationRequest.of(id, ResourceAgentId.parse("ocf:test:Slow"), "start",
                        Duration.ofSeconds(10), dir()))).toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i += 2) {
            assertTrue(lines.get(i).startsWith("begin") && lines.get(i + 1).startsWith("end")
                    && lines.get(i).substring(6).equals(lines.get(i + 1).substring(4)), lines.toString());
        }
    }

    @Test
    void recurringMonitorsReportOnlyChangesAndStopCancelsThem() throws Exception {
        Path rc = tmp.resolve("rc");
        Path runs = tmp.resolve("runs");
        Files.writeString(rc, "0");
        agent("Mon", "monitor) echo x >> " + runs + "; exit $(cat " + rc + ");;\nstop) exit 0;;");
        List<OperationResult> reports = new CopyOnWriteArrayList<>();
        OperationRequest monitor = op("Mon", "monitor", dir()).withInterval(Duration.ofMillis(100));
        executor.startRecurring(monitor, reports::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(runs) && Files.readAllLines(runs).size() >= 4);
        assertEquals(1, reports.size(), "only the first result of an unchanged monitor is reported");
        assertEquals(OcfStatus.SUCCESS, reports.get(0).status());
        Files.writeString(rc, "7");
        await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 2);
        assertEquals(OcfStatus.NOT_RUNNING, reports.get(1).status());
        assertEquals(List.of("r1_monitor_100"), executor.activeRecurring());
        assertTrue(executor.execute(op("Mon", "stop", dir())).get().isSuccess());
        assertTrue(executor.activeRecurring().isEmpty(), "stop cancels the resource's monitors");
        int runsAfterStop = Files.readAllLines(runs).size();
        Files.writeString(rc, "1");
        // A few intervals later nothing more ran or was reported.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> Files.readAllLines(runs).size() <= runsAfterStop + 1);
        assertEquals(2, reports.size());
    }

    @Test
    void closingKillsRunningAgentsAndRefusesNewWork() throws Exception {
        String m = "77" + ProcessHandle.current().pid() + "1";
        agent("Hang", "start) sleep " + m + ";;");
        CompletableFuture<OperationResult> f = executor.execute(op("Hang", "start", dir()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.withMarker(m).isEmpty());
        executor.close();
        assertEquals(ExecStatus.CANCELLED, f.get().execStatus());
        await().atMost(Duration.ofSeconds(3)).until(() -> Processes.withMarker(m).isEmpty());
        assertEquals(ExecStatus.CANCELLED, executor.execute(op("Hang", "start", dir())).get().execStatus());
    }
}
