package dev.vigil.quorumd;

import dev.vigil.quorumd.tls.TlsConfigException;
import dev.vigil.quorumd.tls.TlsFiles;
import dev.vigil.quorumd.vote.VotePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil-quorumd}: runs the quorum server in the foreground until SIGTERM/SIGINT. Reusable as a
 * subcommand: {@code new CommandLine(new QuorumdCommand())}. Returns exit codes from {@link ExitCodes}.
 */
@Command(name = "vigil-quorumd", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, subcommands = CertsCommand.class,
        header = "Run the Vigil quorum server (external quorum vote for split-site clusters).",
        description = {
            "",
            "Runs in the foreground until SIGTERM/SIGINT. Nodes of split-site clusters connect over TLS 1.3"
                    + " with client certificates and report the partition they see; the server gives its vote to"
                    + " at most one partition per cluster, as a lease renewed by every report. One server serves"
                    + " many clusters, told apart by name.",
            "",
            "After a start the server grants nothing for one lease (with --state-dir: the longest lease of its"
                    + " previous run), so a restarted server never lets two partitions of a cluster hold the vote."
                    + " Create certificates with 'vigil-quorumd certs'. Logs go to stderr.",
            ""},
        footerHeading = "%nDurations:%n",
        footer = {"  500ms, 3s, 1.5s, 2m, 1h; a bare number means seconds.",
            "",
            "SIGTERM or SIGINT stops the server (closing every connection).",
            "",
            "Exit codes:",
            "  0   success (--help, --version, certs)",
            "  1   the server could not start (address in use, ...)",
            "  2   wrong usage",
            "  3   a keystore, truststore, password or state file cannot be used",
            "  70  internal error (rerun with -v)"})
public final class QuorumdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:5403",
            converter = ListenAddressConverter.class,
            description = "Address and TCP port to listen on (default ${DEFAULT-VALUE}; [IPV6]:PORT for IPv6;"
                    + " port 0 picks a free port).")
    InetSocketAddress listen;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "PKCS12 keystore with the server's private key and certificate chain (required;"
                    + " e.g. server.p12 from 'vigil-quorumd certs').")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the keystore password; must not be readable by other users"
                    + " (required).")
    Path keystorePasswordFile;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "PKCS12 truststore with the CA certificate(s) that client certificates must be signed by"
                    + " (required).")
    Path truststore;

    @Option(names = "--truststore-password-file", paramLabel = "FILE",
            description = "File whose first line is the truststore password (needed unless the truststore can be"
                    + " read without one).")
    Path truststorePasswordFile;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often clients must report (default ${DEFAULT-VALUE}). A client silent for a lease is"
                    + " disconnected.")
    Duration heartbeat;

    @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a grant lasts without renewal (default 3 heartbeats; at least 2). Clients"
                    + " count it from when they sent their report, minus a safety margin.")
    Duration lease;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "largest",
            converter = VotePolicyConverter.class,
            description = "largest: the partition with the most connected nodes wins; a tie goes to the previous"
                    + " holder's lineage, then to the lowest node id. last-man-standing: the holder keeps the vote"
                    + " while any of its nodes is connected. (default ${DEFAULT-VALUE})")
    VotePolicy policy;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory (created 0700) where the last holder of each cluster and the last lease are"
                    + " kept, so ties are broken the same way and the start-up wait is long enough after a"
                    + " restart. Optional.")
    Path stateDir;

    @Option(names = "--client-cn", paramLabel = "CHECK", defaultValue = "any", converter = NameCheckConverter.class,
            description = "What a client certificate's CN must equal: any (only the CA signature counts), node"
                    + " (the node name it announces) or cluster (its cluster name). Default ${DEFAULT-VALUE}.")
    ClientNameCheck clientNameCheck;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024",
            description = "Refuse new connections while this many are open (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = {"-v", "--verbose"},
            description = "Log every decision (DEBUG); twice for TRACE. Also prints stack traces of errors.")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (hasLogback()) {
            LogLevels.apply(verbose.length);
        }
        String missing = keystore == null ? "--keystore" : keystorePasswordFile == null ? "--keystore-password-file"
                : truststore == null ? "--truststore" : null;
        if (missing != null) {
            err.println("vigil-quorumd: " + missing + " is required (create the files with 'vigil-quorumd certs')");
            err.println("Try 'vigil-quorumd --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (lease != null && lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            err.println("vigil-quorumd: --lease " + lease.toMillis() + "ms must be at least twice --heartbeat "
                    + heartbeat.toMillis() + "ms, or clients lose the vote between two renewals");
            return ExitCodes.USAGE;
        }
        SSLContext ssl;
        try {
            ssl = TlsFiles.context(keystore, keystorePasswordFile, truststore, truststorePasswordFile);
        } catch (TlsConfigException e) {
            return fail(err, ExitCodes.BAD_INPUT, e);
        }
        QuorumServer server;
        try {
            server = QuorumServer.builder().listen(listen).sslContext(ssl).policy(policy).heartbeat(heartbeat)
                    .lease(lease).stateDir(stateDir).clientNameCheck(clientNameCheck).maxConnections(maxConnections)
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("vigil-quorumd: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            server.start();
        } catch (StateFileException e) {
            return fail(err, ExitCodes.BAD_INPUT, e);
        } catch (IOException e) {
            return fail(err, ExitCodes.FAILURE, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "vigil-quorumd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return ExitCodes.OK;
    }

    private int fail(PrintWriter err, int code, Exception e) {
        err.println("vigil-quorumd: " + e.getMessage());
        if (verbose.length > 0) {
            e.printStackTrace(err);
        }
        return code;
    }

    /** Whether Logback (an optional dependency) is the SLF4J backend's library on the class path. */
    static boolean hasLogback() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, QuorumdCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@code --policy}. */
    public static final class VotePolicyConverter implements picocli.CommandLine.ITypeConverter<VotePolicy> {
        @Override
        public VotePolicy convert(String value) {
            try {
                return VotePolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --client-cn}. */
    public static final class NameCheckConverter implements picocli.CommandLine.ITypeConverter<ClientNameCheck> {
        @Override
        public ClientNameCheck convert(String value) {
            try {
                return ClientNameCheck.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
