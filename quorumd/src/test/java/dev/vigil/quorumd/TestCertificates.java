package dev.vigil.quorumd;

import dev.vigil.quorumd.tls.CertificateSet;
import dev.vigil.quorumd.tls.TlsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Certificates made once per test JVM with {@code vigil-quorumd certs} (keytool takes seconds): the
 * main set (cluster {@value #CLUSTER}, nodes a to d, server for 127.0.0.1) and a set from another CA
 * (node a of the same cluster). Deleted when the JVM exits.
 */
public final class TestCertificates {
    public static final String CLUSTER = "c1";
    private static TestCertificates instance;

    private final Path root;
    private final CertificateSet main;
    private final CertificateSet foreign;
    private final String certsOutput;

    private TestCertificates() throws IOException {
        root = Files.createTempDirectory("quorumd-certs-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        main = new CertificateSet(root.resolve("main"));
        foreign = new CertificateSet(root.resolve("foreign"));
        certsOutput = certs(main.dir(), "a,b,c,d");
        certs(foreign.dir(), "a");
    }

    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                instance = new TestCertificates();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static String certs(Path dir, String nodes) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"certs", "--dir", dir.toString(), "--cluster", CLUSTER, "--nodes", nodes,
                "--server-name", "quorum.example.org", "--days", "30"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        if (code != 0) {
            throw new IllegalStateException("vigil-quorumd certs failed (" + code + "): " + err);
        }
        return out.toString();
    }

    public CertificateSet main() {
        return main;
    }

    public CertificateSet foreign() {
        return foreign;
    }

    /** What {@code certs} printed for the main set. */
    public String certsOutput() {
        return certsOutput;
    }

    public SSLContext serverContext() {
        return TlsFiles.context(main.serverKeystore(), main.serverPasswordFile(), main.truststore(),
                main.truststorePasswordFile());
    }

    /** A node's context from the main CA. */
    public SSLContext nodeContext(String node) {
        return TlsFiles.context(main.clientKeystore(CLUSTER, node), main.clientPasswordFile(CLUSTER, node),
                main.truststore(), main.truststorePasswordFile());
    }

    /** Node a's key from the other CA, trusting the main CA (so it accepts the server). */
    public SSLContext foreignNodeContext() {
        return TlsFiles.context(foreign.clientKeystore(CLUSTER, "a"), foreign.clientPasswordFile(CLUSTER, "a"),
                main.truststore(), main.truststorePasswordFile());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit.
        }
    }
}
