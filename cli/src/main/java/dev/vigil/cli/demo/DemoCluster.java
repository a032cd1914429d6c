package dev.vigil.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cli.config.AuthKeys;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.ra.AgentsHome;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo's cluster: a temporary work directory with one home per node (ha.cf, state directory,
 * control socket, {@code HA_RSCTMP}, daemon log), a generated {@code authkeys}, one loopback link
 * and the node daemons as child processes of this JVM. {@link #close} kills what is still running
 * and removes the work directory; it is idempotent and safe to call from a shutdown hook.
 * Thread-safe for {@link #close} racing the demo's own thread; otherwise used by one thread.
 */
final class DemoCluster implements AutoCloseable {
    /** Heartbeat timing of the demo: a node is lost after 1 s of silence. */
    static final String TIMING = "keepalive 200ms\nwarntime 500ms\ndeadtime 1\ninitdead 2\n";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Holds the pid of the demo that owns a work directory. */
    private static final String OWNER_FILE = "demo.pid";

    private final Path work;
    private final List<String> nodes;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private boolean closed;

    private DemoCluster(Path work, List<String> nodes) {
        this.work = work;
        this.nodes = List.copyOf(nodes);
    }

    /** Creates the work directory under {@code java.io.tmpdir}, the key and every node's ha.cf. */
    static DemoCluster create(List<String> nodes) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeStale(tmp);
        Path work = Files.createTempDirectory(tmp, "vigil-demo-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        DemoCluster c = new DemoCluster(work, nodes);
        try {
            c.configure();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void configure() throws IOException {
        Files.writeString(work.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        Path keys = work.resolve("authkeys");
        try {
            AuthKeys.generate(keys); // a random key, mode 0600
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (String n : nodes) {
            ports.put(n, freePort());
        }
        StringBuilder peers = new StringBuilder();
        ports.values().forEach(p -> peers.append(peers.length() == 0 ? "" : ",").append("127.0.0.1:").append(p));
        for (String n : nodes) {
            Path home = Files.createDirectories(home(n));
            Files.createDirectories(home.resolve("rsc"));
            Files.writeString(home.resolve("ha.cf"), "nodename " + n + "\ncluster vigil-demo\n" + TIMING
                    + "authkeys " + keys + "\nstate_dir " + home.resolve("state") + "\ncontrol_socket "
                    + socket(n) + "\nlink ring0 bind=127.0.0.1:" + ports.get(n) + " peers=" + peers + "\n");
        }
    }

    Path work() {
        return work;
    }

    List<String> nodes() {
        return nodes;
    }

    int port(String node) {
        return ports.get(node);
    }

    Path home(String node) {
        return work.resolve(node);
    }

    Path socket(String node) {
        return home(node).resolve("vigil.sock");
    }

    Path log(String node) {
        return home(node).resolve("daemon.log");
    }

    /** Starts {@code node}'s daemon: this JVM's java and class path, its log in the node's home. */
    synchronized long start(String node) throws IOException {
        if (closed) {
            throw new IllegalStateException("the demo cluster is already closed");
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Xmx192m", "-Djava.io.tmpdir=" + work,
                "-Dvigil.agents=" + AgentsHome.locate().toAbsolutePath()));
        String home = System.getProperty("vigil.home");
        if (home != null) {
            cmd.add("-Dvigil.home=" + home);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DemoNode.class.getName(),
                Long.toString(ProcessHandle.current().pid()), "daemon", "-c", home(node).resolve("ha.cf").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()));
        pb.environment().put("HA_RSCTMP", home(node).resolve("rsc").toString());
        pb.environment().put("VIGIL_LOG_LEVEL", "INFO");
        Process p = pb.start();
        processes.put(node, p);
        return p.pid();
    }

    /** {@code kill -9} of the node's daemon, as a crash or a power cut would; returns once it is gone. */
    void kill(String node) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = processes.remove(node);
        }
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Whether the node's daemon process is running. */
    synchronized boolean isRunning(String node) {
        Process p = processes.get(node);
        return p != null && p.isAlive();
    }

    /** The node daemon's status answer, or empty while it does not answer. */
    Optional<JsonNode> status(String node) {
        try (ControlClient c = ControlClient.connect(socket(node), Duration.ofSeconds(5))) {
            return Optional.of(c.call("status"));
        } catch (ControlException e) {
            return Optional.empty();
        }
    }

    /** The last {@code lines} lines of the node's daemon log, for error messages. */
    String logTail(String node, int lines) {
        try {
            List<String> all = Files.readAllLines(log(node));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the daemons and removes the work directory: {@code close(false)}. */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Stops every daemon still running with SIGTERM (a clean shutdown; SIGKILL after 20 s), then
     * removes the work directory unless {@code keepWork}. Idempotent: only the first call acts.
     */
    void close(boolean keepWork) {
        List<Process> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(processes.values());
            processes.clear();
        }
        running.forEach(Process::destroy);
        for (Process p : running) {
            try {
                if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (keepWork) {
            try {
                Files.deleteIfExists(work.resolve(OWNER_FILE)); // kept on purpose: not for removeStale
            } catch (IOException e) {
                // then a later demo may remove it
            }
        } else {
            deleteTree(work);
        }
    }

    /**
     * Removes the work directories of earlier demos that were killed before they could clean up
     * (SIGKILL): those whose owner process is gone. Their nodes have exited by themselves
     * ({@link DemoNode}).
     */
    private static void removeStale(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            s.filter(d -> d.getFileName().toString().startsWith("vigil-demo-") && Files.isDirectory(d))
                    .filter(DemoCluster::isOrphaned).forEach(DemoCluster::deleteTree);
        } catch (IOException e) {
            // not ours to worry about: the demo uses a new directory anyway
        }
    }

    private static boolean isOrphaned(Path dir) {
        try {
            long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).strip());
            return ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException | SecurityException e) {
            return false; // not a demo directory we can vouch for: leave it alone
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file an agent is still writing: the next pass or the OS's tmp cleaner gets it
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }

    /** A free UDP port on 127.0.0.1 (a link's JGroups transport). */
    private static int freePort() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return udp.getLocalPort();
        }
    }
}
