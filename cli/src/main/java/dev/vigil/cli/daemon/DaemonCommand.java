package dev.vigil.cli.daemon;

import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.config.AuthKeys;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.HaConfig;
import dev.vigil.cli.config.HaConfigParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil daemon} (also {@code bin/vigild}): run this node's cluster daemon in the foreground. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run the node daemon in the foreground until SIGTERM/SIGINT: join the cluster over the",
                "links in ha.cf (authenticated with the authkeys key), keep the replicated CIB in the state",
                "directory, run resource operations and, on the DC, the scheduler. Logs go to stderr",
                "(VIGIL_LOG_LEVEL=DEBUG for more)."},
        footerHeading = "%nQuorum directives of ha.cf (Vigil extensions; see 'vigil quorum status'):%n",
        footer = {"  node NAME...           every node of the cluster, one vote each (the CIB adds",
                "                         the nodes it knows)",
                "  quorum_server HOST[:PORT]  vigil-quorumd as this node reaches it (port 5403):",
                "                         one more vote, for the partition it chooses; needs",
                "                         node lines and the files below",
                "  quorum_keystore FILE   this node's key and certificate (NODE.p12 of",
                "                         'vigil-quorumd certs')",
                "  quorum_keystore_password_file FILE    its password (NODE.pass)",
                "  quorum_truststore FILE the CA that signed the server's certificate",
                "  quorum_truststore_password_file FILE  its password (truststore.pass)",
                "  quorum_server_wait T   how long, after a membership change or a lost vote,",
                "                         a partition that needs the server's vote waits for",
                "                         it (starting and stopping nothing) before it counts",
                "                         as without quorum (default 10)",
                "  two_node on|off|auto   a lone node of two keeps quorum, to fence its peer;",
                "                         auto (default): on for exactly two nodes and no",
                "                         quorum server",
                "  wait_for_all on|off    after a start, no quorum until every node was seen",
                "                         at once (default: on in two-node mode; initdead",
                "                         does not lift it, 'vigil quorum override' does)",
                "  expected_votes N       instead of one per node (+1 with a quorum server)",
                "A partition has quorum with more than half of the expected votes; without it",
                "the cluster property no-quorum-policy applies (default stop; also freeze,",
                "ignore, demote, fence)."})
public final class DaemonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "/etc/vigil/ha.cf",
            description = "The ha.cf file (default ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--check", description = "Only check ha.cf and authkeys, then exit.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        HaConfig cfg;
        AuthKeys keys;
        try {
            cfg = HaConfigParser.parse(config, dev.vigil.cli.ra.AgentsHome.hostName());
            keys = AuthKeys.load(cfg.authkeysPath());
            if (cfg.quorum().hasServer()) {
                QuorumServerSource.sslContext(cfg); // the key files must be usable before the daemon starts
            }
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("vigil daemon: " + p));
            return ExitCodes.INVALID_CONFIG;
        }
        if (check) {
            cfg.warnings().forEach(w -> err.println("vigil daemon: warning: " + w));
            spec.commandLine().getOut().println(config + ": configuration is valid (node " + cfg.nodeName()
                    + ", " + cfg.links().size() + " link(s))");
            return ExitCodes.OK;
        }
        if (System.getenv("VIGIL_LOG_LEVEL") == null) {
            // The CLI logs only errors; the daemon's log is for operators.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.INFO);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Daemon daemon = Daemon.start(cfg, keys);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
