package dev.vigil.cli.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil-quorumd} as its own process for integration tests, with certificates made by
 * {@code vigil-quorumd certs}: a heartbeat of 500 ms and a lease of 1.5 s, its state in
 * {@code DIR/quorumd-state}, its log in {@code DIR/quorumd.log}. Not thread-safe.
 */
final class QuorumServerProcess implements AutoCloseable {
    private final Path dir;
    private final Path certs;
    private final List<String> prefix;
    private final String listen;
    private Process process;

    /**
     * @param prefix  command prefix, e.g. to run it in a network namespace (empty: none)
     * @param listen  {@code HOST:PORT} to listen on
     */
    QuorumServerProcess(Path dir, Path certs, List<String> prefix, String listen) {
        this.dir = dir;
        this.certs = certs;
        this.prefix = List.copyOf(prefix);
        this.listen = listen;
    }

    /**
     * Makes a CA, a server certificate for {@code serverNames} and a keystore per node of cluster
     * {@code cluster} in {@code dir}, as an operator would with {@code vigil-quorumd certs}.
     */
    static Path certificates(Path dir, String cluster, List<String> nodes, List<String> serverNames) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = dev.vigil.quorumd.Main.run(new String[] {"certs", "--dir", dir.toString(), "--cluster", cluster,
            "--nodes", String.join(",", nodes), "--server-name", String.join(",", serverNames)},
                new PrintWriter(out), new PrintWriter(err));
        if (rc != 0) {
            throw new IllegalStateException("vigil-quorumd certs failed (" + rc + "): " + err + out);
        }
        return dir;
    }

    /** ha.cf lines naming the server at {@code address} and {@code node}'s files from {@code certs}. */
    static String haCf(Path certs, String cluster, String node, String address) {
        Path clusterDir = certs.resolve("clusters").resolve(cluster);
        return "quorum_server " + address + "\n"
                + "quorum_keystore " + clusterDir.resolve(node + ".p12") + "\n"
                + "quorum_keystore_password_file " + clusterDir.resolve(node + ".pass") + "\n"
                + "quorum_truststore " + certs.resolve("truststore.p12") + "\n"
                + "quorum_truststore_password_file " + certs.resolve("truststore.pass") + "\n";
    }

    void start() throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "dev.vigil.quorumd.Main",
                "--listen", listen, "--heartbeat", "500ms", "--lease", "1500ms",
                "--keystore", certs.resolve("server.p12").toString(),
                "--keystore-password-file", certs.resolve("server.pass").toString(),
                "--truststore", certs.resolve("truststore.p12").toString(),
                "--truststore-password-file", certs.resolve("truststore.pass").toString(),
                "--state-dir", dir.resolve("quorumd-state").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("quorumd.log").toFile()));
        pb.environment().remove("VIGIL_LOG_LEVEL");
        process = pb.start();
    }

    /** {@code kill -9}: the server vanishes without closing its connections cleanly. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
            process = null;
        }
    }

    String log() throws IOException {
        Path p = dir.resolve("quorumd.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
