package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cli.Main;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts real {@code vigil daemon} processes for integration tests, each with its own state
 * directory, control socket, {@code HA_RSCTMP} and ports. Links run on loopback (each node binds
 * its own port on 127.0.0.1) or, with {@link Network}, between network namespaces. Not
 * thread-safe; {@link #close} kills every daemon and removes the namespaces.
 */
final class DaemonHarness implements AutoCloseable {

    /** Where a node's links live: its address on each link, and the command prefix that runs in its namespace. */
    interface Network {
        String address(String node, int link);

        List<String> prefix(String node);
    }

    /** A result of a {@code vigil} CLI run in-process. */
    record Cli(int exit, String out, String err) {
    }

    private final Path dir;
    private final List<String> nodes;
    private final int linkCount;
    private final Network network;
    private final Map<String, int[]> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private Path keys;
    private String timing = "keepalive 300ms\nwarntime 1\ndeadtime 2\ninitdead 4\n";
    private java.util.function.Function<String, String> extraConfig = node -> "";

    DaemonHarness(List<String> nodes, int linkCount, Network network) throws IOException {
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "vit");
        this.nodes = List.copyOf(nodes);
        this.linkCount = linkCount;
        this.network = network;
        for (String n : nodes) {
            int[] p = new int[linkCount];
            for (int i = 0; i < linkCount; i++) {
                p[i] = network == null ? freePort() : 5405 + i;
            }
            ports.put(n, p);
        }
        this.keys = authkeys("authkeys", "it-secret-" + System.nanoTime());
    }

    /** Loopback links. */
    static DaemonHarness loopback(List<String> nodes, int linkCount) throws IOException {
        return new DaemonHarness(nodes, linkCount, null);
    }

    Path dir() {
        return dir;
    }

    /** Replaces the ha.cf timing lines (keepalive, warntime, deadtime, initdead). */
    DaemonHarness timing(String lines) {
        this.timing = lines;
        return this;
    }

    /** Extra ha.cf lines for each node (e.g. node lines, quorum_server), given the node's name. */
    DaemonHarness extraConfig(java.util.function.Function<String, String> lines) {
        this.extraConfig = lines;
        return this;
    }

    int port(String node, int link) {
        return ports.get(node)[link];
    }

    Path authkeys(String name, String secret) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "auth 1\n1 sha256 " + secret + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    Path home(String node) {
        return dir.resolve(node);
    }

    Path socket(String node) {
        return home(node).resolve("vigil.sock");
    }

    Path cibFile(String node) {
        return home(node).resolve("state").resolve("cib").resolve("cib.xml");
    }

    String log(String node) throws IOException {
        Path p = home(node).resolve("daemon.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    void start(String node) throws IOException {
        start(node, keys);
    }

    /** Starts {@code node}'s daemon with the given authkeys; its peers are all nodes of the harness. */
    void start(String node, Path authkeys) throws IOException {
        Path home = Files.createDirectories(home(node));
        Files.createDirectories(home.resolve("rsc"));
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < linkCount; i++) {
            StringBuilder peers = new StringBuilder();
            for (String p : nodes) {
                peers.append(peers.length() == 0 ? "" : ",").append(address(p, i)).append(':').append(port(p, i));
            }
            links.append("link ring").append(i).append(" bind=").append(address(node, i)).append(':')
                    .append(port(node, i)).append(" peers=").append(peers).append('\n');
        }
        Path haCf = home.resolve("ha.cf");
        Files.writeString(haCf, "nodename " + node + "\ncluster itest\n" + timing
                + "authkeys " + authkeys + "\nstate_dir " + home.resolve("state") + "\ncontrol_socket "
                + socket(node) + "\n" + links + extraConfig.apply(node));
        List<String> cmd = new ArrayList<>(network == null ? List.of() : network.prefix(node));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Dvigil.agents=" + Path.of("../resource-agents/src/main/agents").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main", "daemon", "-c", haCf.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HA_RSCTMP", home.resolve("rsc").toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log")
                .toFile()));
        processes.put(node, pb.start());
    }

    private String address(String node, int link) {
        return network == null ? "127.0.0.1" : network.address(node, link);
    }

    /** {@code kill -9} of the node's daemon; as after a reboot, its runtime directory is emptied. */
    void kill(String node) throws Exception {
        Process p = processes.remove(node);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        try (var files = Files.list(home(node).resolve("rsc"))) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** SIGTERM to the node's daemon, as {@code systemctl stop} would; returns once it has exited. */
    Process terminate(String node) {
        Process p = processes.get(node);
        p.destroy();
        return p;
    }

    /** Forgets a daemon that has exited by itself. */
    void exited(String node) {
        processes.remove(node);
    }

    boolean alive(String node) {
        Process p = processes.get(node);
        return p != null && p.isAlive();
    }

    /** The daemon's status answer, or null while it does not answer. */
    JsonNode status(String node) {
        try (ControlClient c = ControlClient.connect(socket(node), Duration.ofSeconds(10))) {
            return c.call("status");
        } catch (ControlException e) {
            return null;
        }
    }

    List<String> members(String node) {
        JsonNode s = status(node);
        List<String> out = new ArrayList<>();
        if (s != null) {
            s.get("members").forEach(m -> out.add(m.asText()));
        }
        return out;
    }

    String cibVersion(String node) {
        JsonNode s = status(node);
        return s == null ? null : s.get("cib_version").asText();
    }

    String cib(String node) {
        JsonNode s = status(node);
        return s == null ? "" : s.get("cib").asText();
    }

    /** Whether every node of {@code expected} sees exactly these members and they agree on the CIB version. */
    boolean formed(List<String> expected) {
        String version = null;
        for (String n : expected) {
            if (!members(n).equals(expected)) {
                return false;
            }
            String v = cibVersion(n);
            if (version != null && !version.equals(v)) {
                return false;
            }
            version = v;
        }
        return true;
    }

    /** Whether ocf:heartbeat:Dummy resource {@code rsc} runs on {@code node} (its state file exists). */
    boolean running(String node, String rsc) {
        return Files.exists(home(node).resolve("rsc").resolve("Dummy-" + rsc + ".state"));
    }

    /** Runs the {@code vigil} CLI in-process against {@code node}'s socket (appended as {@code --socket}). */
    Cli vigil(String node, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--socket");
        all.add(socket(node).toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Cli(rc, out.toString(), err.toString());
    }

    /**
     * Runs the {@code vigil} CLI as its own process against {@code node}'s socket, with extra
     * environment variables (e.g. {@code EDITOR}), standard input closed.
     */
    Cli vigilProcess(String node, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.add("--socket");
        cmd.add(socket(node).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null")));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("vigil " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Loads {@code xml} as a configuration modification through {@code node}. */
    void modify(String node, String xml) throws IOException {
        Path f = Files.createTempFile(dir, "cfg", ".xml");
        Files.writeString(f, xml);
        Cli r = vigil(node, "cib", "modify", f.toString());
        if (r.exit() != 0) {
            throw new IllegalStateException("cib modify through " + node + " failed: " + r.err());
        }
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            p.waitFor(20, TimeUnit.SECONDS);
        }
        processes.clear();
    }
}
