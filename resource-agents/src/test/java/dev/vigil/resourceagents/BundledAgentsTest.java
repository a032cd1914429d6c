package dev.vigil.resourceagents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs Vigil's bundled OCF agents and attribute shims ({@code src/main/agents}) as real processes
 * with an OCF 1.1 environment, as the executor will, and checks exit codes, exit reasons, state
 * files, daemons and the recorded attribute changes. Needs Linux ({@code /proc}) and a POSIX sh.
 */
class BundledAgentsTest {
    private static final Path AGENTS = Path.of("src/main/agents").toAbsolutePath();
    private static final Path COMPAT = AGENTS.resolve("compat");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final String REASON = "ocf-exit-reason:";
    private static final String LOCAL_NODE = "node1";

    @TempDir
    Path tmp;

    /** Process groups of daemons started by a test, killed afterwards whatever happened. */
    private final List<Long> daemonGroups = new ArrayList<>();

    @AfterEach
    void killLeftoverDaemons() throws IOException {
        // Also the groups of pid files a failed test did not get to read.
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().matches("Daemon-.*\\.pid")).toList()) {
                String pid = Files.readString(pidFile).trim();
                if (pid.matches("\\d+")) {
                    daemonGroups.add(Long.parseLong(pid));
                }
            }
        }
        daemonGroups.forEach(BundledAgentsTest::killGroup);
    }

    // --- Dummy ---------------------------------------------------------------------------------

    @Test
    void dummyStartAndStopAreIdempotentAndMonitorTracksState() {
        Agent dummy = agent("Dummy", "d1", LOCAL_NODE);
        Path state = tmp.resolve(LOCAL_NODE).resolve("Dummy-d1.state");

        assertEquals(7, dummy.probe().rc());
        assertEquals(0, dummy.run("start").rc());
        assertTrue(Files.exists(state), "default state file in HA_RSCTMP");
        assertEquals(0, dummy.monitor().rc());
        assertEquals(0, dummy.run("start").rc());
        assertEquals(0, dummy.run("stop").rc());
        Run monitor = dummy.monitor();
        assertEquals(7, monitor.rc());
        assertFalse(monitor.exitReasons().isEmpty(), "a recurring monitor explains rc 7");
        assertEquals(0, dummy.run("stop").rc());
        assertEquals(0, dummy.run("reload").rc());
        assertEquals(0, dummy.run("reload-agent").rc());
    }

    @Test
    void dummyMigratesStateFromSourceToTarget() {
        Agent source = agent("Dummy", "vm", "node1").meta("migrate_source", "node1").meta("migrate_target", "node2");
        Agent target = agent("Dummy", "vm", "node2").meta("migrate_source", "node1").meta("migrate_target", "node2");
        assertEquals(0, source.run("start").rc());

        Run migrateTo = source.run("migrate_to");
        assertEquals(0, migrateTo.rc());
        assertTrue(migrateTo.err().contains("node2"), migrateTo.err());
        assertEquals(7, source.probe().rc());
        Run migrateFrom = target.run("migrate_from");
        assertEquals(0, migrateFrom.rc());
        assertTrue(migrateFrom.err().contains("node1"), migrateFrom.err());
        assertEquals(0, target.monitor().rc());
    }

    @Test
    void dummyFailStartReportsGenericErrorWithReason() {
        Agent dummy = agent("Dummy", "d1", LOCAL_NODE).param("fail_start", "true");
        Run start = dummy.run("start");
        assertEquals(1, start.rc());
        assertEquals(1, start.exitReasons().size(), start.err());
        assertEquals(7, dummy.probe().rc());
    }

    @Test
    void dummyCloneInstancesShareStateOnlyWhenAnonymous() {
        Path node = tmp.resolve(LOCAL_NODE);
        assertEquals(0, agent("Dummy", "d:1", LOCAL_NODE).meta("globally_unique", "false").run("start").rc());
        assertTrue(Files.exists(node.resolve("Dummy-d.state")));
        assertEquals(0, agent("Dummy", "u:1", LOCAL_NODE).meta("globally_unique", "true").run("start").rc());
        assertTrue(Files.exists(node.resolve("Dummy-u:1.state")));
    }

    @Test
    void dummySleepsOpSleepSecondsInEveryAction() {
        long begin = System.nanoTime();
        assertEquals(7, agent("Dummy", "d1", LOCAL_NODE).param("op_sleep", "1").probe().rc());
        assertTrue(System.nanoTime() - begin >= TimeUnit.SECONDS.toNanos(1));
    }

    // --- Stateful ------------------------------------------------------------------------------

    @Test
    void statefulWalksThroughRolesAndReportsPromotionScores() throws IOException {
        Agent stateful = agent("Stateful", "st:1", LOCAL_NODE).meta("globally_unique", "false");

        assertEquals(0, stateful.run("start").rc());
        assertTrue(Files.exists(tmp.resolve(LOCAL_NODE).resolve("Stateful-st.state")));
        assertEquals(0, stateful.monitor().rc());
        assertEquals(0, stateful.run("promote").rc());
        assertEquals(8, stateful.monitor().rc());
        assertEquals(0, stateful.run("notify").rc());
        assertEquals(0, stateful.run("demote").rc());
        assertEquals(0, stateful.monitor().rc());
        assertEquals(0, stateful.run("stop").rc());
        assertEquals(7, stateful.monitor().rc());

        assertEquals(List.of(
                "set\tmaster-st\t5\treboot\t",
                "set\tmaster-st\t10\treboot\t",
                "set\tmaster-st\t5\treboot\t",
                "delete\tmaster-st\t\treboot\t"), attributeLines());
    }

    @Test
    void statefulProbeRestoresPromotionScore() throws IOException {
        Agent stateful = agent("Stateful", "st", LOCAL_NODE).param("score_promoted", "42");
        stateful.run("start");
        stateful.run("promote");
        Files.delete(attributeFile());

        assertEquals(8, stateful.monitor().rc());
        assertFalse(Files.exists(attributeFile()), "recurring monitors leave the score alone");
        assertEquals(8, stateful.probe().rc());
        assertEquals(List.of("set\tmaster-st\t42\treboot\t"), attributeLines());
    }

    @Test
    void statefulRefusesPromotionWhenStopped() {
        Run promote = agent("Stateful", "st", LOCAL_NODE).run("promote");
        assertEquals(7, promote.rc());
        assertEquals(1, promote.exitReasons().size());
    }

    @Test
    void pacemakerStatefulAgentRecordsScoresThroughShims() throws IOException {
        Path upstream = Path.of("/usr/lib/ocf/resource.d/pacemaker/Stateful");
        assumeTrue(Files.isExecutable(upstream), "Pacemaker's agents are not installed");
        Agent stateful = new Agent(upstream, "pst", LOCAL_NODE);
        // It does not create its state directory, and ignores a failure to write there.
        stateful.env.put("HA_VARRUN", Files.createDirectories(tmp.resolve(LOCAL_NODE)).toString());
        for (String action : List.of("start", "promote", "demote", "stop")) {
            assertEquals(0, stateful.run(action).rc(), action);
        }
        assertEquals(List.of(
                "set\tmaster-pst\t5\treboot\t",
                "set\tmaster-pst\t10\treboot\t",
                "set\tmaster-pst\t5\treboot\t",
                "delete\tmaster-pst\t\treboot\t"), attributeLines());
    }

    // --- Daemon --------------------------------------------------------------------------------

    @Test
    void daemonIsDetectedAsStoppedAfterExternalKillAndStopLeavesNoProcess() {
        Agent daemon = agent("Daemon", "dm", LOCAL_NODE).param("cmdline", "sleep 300");

        assertEquals(0, daemon.run("start").rc());
        long first = daemonPid("dm");
        assertEquals(0, daemon.monitor().rc());
        assertEquals(0, daemon.run("start").rc(), "start of a started daemon");
        assertEquals(first, daemonPid("dm"));

        killGroup(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.monitor().rc() == 7);
        assertFalse(Files.exists(pidFile("dm")), "stale pid file removed");

        assertEquals(0, daemon.run("start").rc());
        long second = daemonPid("dm");
        assertNotEquals(first, second);
        assertEquals(0, daemon.run("stop").rc());
        assertEquals(List.of(), liveMembersOf(second));
        assertFalse(Files.exists(pidFile("dm")));
        assertEquals(7, daemon.monitor().rc());
        assertEquals(0, daemon.run("stop").rc(), "stop of a stopped daemon");
    }

    @Test
    void daemonWhoseLeaderDiedButChildrenRemainFailsMonitorAndIsCleanedUpByStop() {
        Agent daemon = agent("Daemon", "dm", LOCAL_NODE).param("cmdline", "sleep 300 & wait");
        assertEquals(0, daemon.run("start").rc());
        long leader = daemonPid("dm");
        await().atMost(Duration.ofSeconds(10)).until(() -> liveMembersOf(leader).size() == 2);

        ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.monitor().rc() == 1);
        assertEquals(0, daemon.run("stop").rc());
        assertEquals(List.of(), liveMembersOf(leader));
    }

    @Test
    void daemonMonitorFailsWhenMonitorCommandFails() throws IOException {
        Path healthy = Files.createFile(tmp.resolve("healthy"));
        Agent daemon = agent("Daemon", "dm", LOCAL_NODE)
                .param("cmdline", "sleep 300")
                .param("monitor_cmd", "test -e " + healthy);
        assertEquals(0, daemon.run("start").rc());
        daemonPid("dm");

        Files.delete(healthy);
        Run monitor = daemon.monitor();
        assertEquals(1, monitor.rc());
        assertTrue(monitor.exitReasons().get(0).contains("monitor_cmd"), monitor.err());
        Files.createFile(healthy);
        assertEquals(0, daemon.monitor().rc());
        assertEquals(0, daemon.run("stop").rc());
    }

    @Test
    void daemonServesHttpOnceStartReturnsAndStopsServing() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed");
        int port = freePort();
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "vigil-bundled-agent");
        String url = "http://127.0.0.1:" + port + "/";
        Agent daemon = agent("Daemon", "web", LOCAL_NODE)
                .param("cmdline", "exec python3 -m http.server --bind 127.0.0.1 " + port)
                .param("workdir", www.toString())
                .param("logfile", tmp.resolve("web.log").toString())
                .param("monitor_cmd", "python3 -c \"import urllib.request; urllib.request.urlopen('" + url + "')\"");

        assertEquals(0, daemon.run("start").rc());
        daemonPid("web");
        // start waits for monitor_cmd, so the server answers at once.
        assertEquals("vigil-bundled-agent", httpGet(url));
        assertEquals(0, daemon.monitor().rc());
        assertEquals(0, daemon.run("stop").rc());
        assertThrows(ConnectException.class, () -> httpGet(url));
        assertTrue(Files.readString(tmp.resolve("web.log")).contains("GET /"), "output goes to logfile");
    }

    @Test
    void daemonWithoutCmdlineIsNotConfigured() {
        Run validate = agent("Daemon", "dm", LOCAL_NODE).run("validate-all");
        assertEquals(6, validate.rc());
        assertEquals(1, validate.exitReasons().size(), validate.err());
    }

    @Test
    void daemonWhoseCommandExitsAtOnceFailsToStartWithReason() throws IOException {
        Path log = tmp.resolve("boom.log");
        Agent daemon = agent("Daemon", "dm", LOCAL_NODE)
                .param("cmdline", "echo boom >&2; exit 3")
                .param("logfile", log.toString());

        Run start = daemon.run("start");
        assertEquals(1, start.rc());
        String reason = start.exitReasons().get(0);
        assertTrue(reason.contains("echo boom") && reason.contains(log.toString()), reason);
        assertEquals("boom\n", Files.readString(log));
        assertFalse(Files.exists(pidFile("dm")));
        assertEquals(7, daemon.probe().rc());
    }

    // --- All agents ----------------------------------------------------------------------------

    static Stream<Arguments> agentInterfaces() {
        return Stream.of(
                arguments("Dummy", List.of("state", "fake", "op_sleep", "fail_start"), List.of("start", "stop",
                        "monitor", "migrate_to", "migrate_from", "reload", "reload-agent", "validate-all", "meta-data")),
                arguments("Stateful", List.of("state", "score_promoted", "score_unpromoted"), List.of("start", "stop",
                        "monitor", "promote", "demote", "notify", "validate-all", "meta-data")),
                arguments("Daemon", List.of("cmdline", "pidfile", "workdir", "user", "logfile", "monitor_cmd",
                        "stop_timeout"), List.of("start", "stop", "monitor", "validate-all", "meta-data")));
    }

    @ParameterizedTest
    @MethodSource("agentInterfaces")
    void metaDataIsWellFormedOcf11(String type, List<String> parameters, List<String> actions) throws Exception {
        Run metaData = agent(type, "md", LOCAL_NODE).run("meta-data");
        assertEquals(0, metaData.rc());

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(metaData.out().getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("resource-agent", root.getTagName());
        assertEquals("resource-agent", doc.getDoctype().getName());
        assertEquals(type, root.getAttribute("name"));
        assertEquals("1.1", root.getElementsByTagName("version").item(0).getTextContent());

        List<String> declared = new ArrayList<>();
        NodeList params = root.getElementsByTagName("parameter");
        for (int i = 0; i < params.getLength(); i++) {
            Element param = (Element) params.item(i);
            declared.add(param.getAttribute("name"));
            for (String attribute : List.of("unique", "required", "reloadable")) {
                assertTrue(Set.of("0", "1").contains(param.getAttribute(attribute)), attribute);
            }
            Element content = (Element) param.getElementsByTagName("content").item(0);
            assertTrue(Set.of("string", "integer", "boolean").contains(content.getAttribute("type")));
        }
        assertEquals(parameters, declared);

        Set<String> named = new HashSet<>();
        NodeList acts = root.getElementsByTagName("action");
        for (int i = 0; i < acts.getLength(); i++) {
            Element action = (Element) acts.item(i);
            named.add(action.getAttribute("name"));
            assertFalse(action.getAttribute("timeout").isEmpty());
        }
        assertTrue(named.containsAll(actions), "declared actions " + named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dummy", "Stateful", "Daemon"})
    void unknownActionIsUnimplemented(String type) {
        assertEquals(3, agent(type, "x", LOCAL_NODE).param("cmdline", "sleep 1").run("frobnicate").rc());
    }

    // --- Attribute shims -----------------------------------------------------------------------

    static Stream<Arguments> attributeChanges() {
        return Stream.of(
                arguments(List.of("crm_attribute", "--promotion", "-v", "5"), "set\tmaster-st\t5\treboot\t"),
                arguments(List.of("crm_attribute", "-p", "-D"), "delete\tmaster-st\t\treboot\t"),
                arguments(List.of("crm_attribute", "--promotion=db:2", "--update", "7"), "set\tmaster-db\t7\treboot\t"),
                arguments(List.of("crm_attribute", "-n", "color", "-v", "dark blue", "-l", "forever"),
                        "set\tcolor\tdark blue\tforever\t"),
                arguments(List.of("crm_attribute", "--name=color", "--update=red", "--lifetime=reboot", "--node=n2"),
                        "set\tcolor\tred\treboot\tn2"),
                arguments(List.of("crm_attribute", "-t", "status", "-N", "n3", "--name", "x", "--delete"),
                        "delete\tx\t\treboot\tn3"),
                arguments(List.of("crm_attribute", "-t", "nodes", "-n", "x", "--value", "1", "-Q"),
                        "set\tx\t1\tforever\t"),
                arguments(List.of("crm_attribute", "-t", "crm_config", "-n", "maintenance-mode", "-v", "true"),
                        "set\tmaintenance-mode\ttrue\tforever\t"),
                arguments(List.of("crm_master", "-l", "reboot", "-v", "100"), "set\tmaster-st\t100\treboot\t"),
                arguments(List.of("crm_master", "-Q", "-l", "reboot", "-D"), "delete\tmaster-st\t\treboot\t"),
                arguments(List.of("crm_master", "-v", "3"), "set\tmaster-st\t3\treboot\t"),
                arguments(List.of("crm_master", "-r", "db", "-N", "n2", "-l", "forever", "-v", "4"),
                        "set\tmaster-db\t4\tforever\tn2"),
                arguments(List.of("attrd_updater", "-n", "pingd", "-U", "100", "-d", "5s"),
                        "set\tpingd\t100\treboot\t"),
                arguments(List.of("attrd_updater", "--name", "pingd", "--delete", "-N", "n2"),
                        "delete\tpingd\t\treboot\tn2"),
                arguments(List.of("attrd_updater", "-p", "-n", "a", "--update=x y"), "set\ta\tx y\treboot\t"));
    }

    @ParameterizedTest
    @MethodSource("attributeChanges")
    void shimRecordsAttributeChange(List<String> command, String line) throws IOException {
        Run run = shim(command, Map.of());
        assertEquals(0, run.rc(), run.err());
        assertEquals(List.of(line), attributeLines());
    }

    @Test
    void promotionScoreKeepsInstanceSuffixOfUniqueClones() throws IOException {
        shim(List.of("crm_attribute", "-p", "-v", "1"), Map.of("OCF_RESKEY_CRM_meta_globally_unique", "true"));
        assertEquals(List.of("set\tmaster-st:1\t1\treboot\t"), attributeLines());
    }

    @Test
    void shimsAnswerQueriesFromCurrentValues() throws IOException {
        Path values = Files.writeString(tmp.resolve("values"), "master-st\t10\ncolor\tdark blue\n");
        Map<String, String> env = Map.of("VIGIL_ATTRIBUTE_VALUES", values.toString());

        assertEquals(new Run(0, "10\n", ""), shim(List.of("crm_attribute", "-p", "-G", "-q"), env));
        assertEquals(new Run(0, "10\n", ""), shim(List.of("crm_master", "-q", "-G"), env));
        assertEquals("scope=status  name=color value=dark blue\n",
                shim(List.of("crm_attribute", "--name", "color", "--query", "-l", "reboot"), env).out());
        assertEquals("name=\"color\" host=\"node1\" value=\"dark blue\"\n",
                shim(List.of("attrd_updater", "-n", "color", "-Q"), env).out());
        assertEquals("fallback\n", shim(List.of("crm_attribute", "-n", "nope", "-G", "-q", "-d", "fallback"), env).out());
        assertEquals(105, shim(List.of("crm_attribute", "-n", "nope", "-G"), env).rc());
        assertEquals(105, shim(List.of("attrd_updater", "-n", "nope", "-Q"), env).rc());
        assertFalse(Files.exists(attributeFile()), "queries record nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\nb"})
    void shimRejectsTabsAndNewlinesInValues(String value) {
        Run run = shim(List.of("crm_attribute", "-n", "x", "-v", value), Map.of());
        assertNotEquals(0, run.rc());
        assertFalse(run.err().isEmpty());
        assertFalse(Files.exists(attributeFile()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm_attribute", "crm_master", "attrd_updater"})
    void shimOutsideVigilExecutorFails(String name) {
        List<String> command = name.equals("attrd_updater")
                ? List.of(name, "-n", "x", "-U", "1") : List.of(name, "-p", "-v", "1");
        Run run = shim(command, Map.of("VIGIL_ATTRIBUTE_FILE", ""));
        assertEquals(1, run.rc());
        assertTrue(run.err().contains("not run by the Vigil executor"), run.err());
    }

    @Test
    void crmNodePrintsLocalNodeName() {
        assertEquals("node1\n", shim(List.of("crm_node", "-n"), Map.of()).out());
        assertEquals("node1\n", shim(List.of("crm_node", "-p"), Map.of()).out());
    }

    // --- Fixtures ------------------------------------------------------------------------------

    private record Run(int rc, String out, String err) {
        List<String> exitReasons() {
            return err.lines().filter(l -> l.startsWith(REASON)).map(l -> l.substring(REASON.length())).toList();
        }
    }

    /** One resource on one node: the OCF environment its actions run with. */
    private final class Agent {
        final Path script;
        final Map<String, String> env = new HashMap<>();

        Agent(Path script, String instance, String node) {
            this.script = script;
            env.putAll(baseEnvironment(node));
            env.put("OCF_RESOURCE_INSTANCE", instance);
            env.put("OCF_RESOURCE_TYPE", script.getFileName().toString());
            env.put("OCF_RESOURCE_PROVIDER", "vigil");
            env.put("OCF_RESKEY_CRM_meta_timeout", "20000");
        }

        Agent param(String name, String value) {
            env.put("OCF_RESKEY_" + name, value);
            return this;
        }

        Agent meta(String name, String value) {
            return param("CRM_meta_" + name, value);
        }

        Run run(String action) {
            return execute(List.of(script.toString(), action), env);
        }

        Run monitor() {
            Map<String, String> recurring = new HashMap<>(env);
            recurring.put("OCF_RESKEY_CRM_meta_interval", "10000");
            return execute(List.of(script.toString(), "monitor"), recurring);
        }

        Run probe() {
            Map<String, String> probe = new HashMap<>(env);
            probe.put("OCF_RESKEY_CRM_meta_interval", "0");
            return execute(List.of(script.toString(), "monitor"), probe);
        }
    }

    private Agent agent(String type, String instance, String node) {
        return new Agent(AGENTS.resolve("ocf/vigil").resolve(type), instance, node);
    }

    private Map<String, String> baseEnvironment(String node) {
        return Map.of(
                "OCF_ROOT", "/usr/lib/ocf",
                "OCF_RA_VERSION_MAJOR", "1",
                "OCF_RA_VERSION_MINOR", "1",
                "HA_RSCTMP", tmp.resolve(node).toString(),
                "HA_SBIN_DIR", COMPAT.toString(),
                "PATH", COMPAT + ":" + System.getenv("PATH"),
                "VIGIL_ATTRIBUTE_FILE", attributeFile().toString(),
                "VIGIL_NODE_NAME", node);
    }

    private Run shim(List<String> command, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(baseEnvironment(LOCAL_NODE));
        env.put("OCF_RESOURCE_INSTANCE", "st:1");
        env.putAll(extraEnv);
        List<String> argv = new ArrayList<>(command);
        argv.set(0, COMPAT.resolve(command.get(0)).toString());
        return execute(argv, env);
    }

    /**
     * Runs a command to completion and reads its stdout and stderr to EOF, as the executor does:
     * a daemon that kept the agent's pipes open would make this time out.
     */
    private static Run execute(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("OCF_") || k.startsWith("HA_") || k.startsWith("VIGIL_"));
        environment.putAll(env);
        environment.values().removeIf(String::isEmpty);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = readFully(process.getInputStream());
            CompletableFuture<String> err = readFully(process.getErrorStream());
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within " + RUN_TIMEOUT);
            }
            return new Run(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError(command + " exited but its stdout/stderr stayed open (inherited by a child?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the output of " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> readFully(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "agent-output-reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private Path attributeFile() {
        return tmp.resolve("attributes");
    }

    private List<String> attributeLines() throws IOException {
        return Files.exists(attributeFile()) ? Files.readAllLines(attributeFile()) : List.of();
    }

    private Path pidFile(String instance) {
        return tmp.resolve(LOCAL_NODE).resolve("Daemon-" + instance + ".pid");
    }

    /** Reads the daemon's pid file and registers its process group for cleanup. */
    private long daemonPid(String instance) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(instance)).trim());
            daemonGroups.add(pid);
            return pid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live (non-zombie) processes of process group {@code pgid}, from /proc. */
    private static List<Long> liveMembersOf(long pgid) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (!fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid) {
                        members.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // The process exited while we looked.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    private static void killGroup(long pgid) {
        for (long pid : liveMembersOf(pgid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String httpGet(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
