package dev.vigil.cli.config;

import dev.vigil.core.controller.QuorumSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the quorum directives of {@code ha.cf} (Vigil extensions): {@code quorum_server HOST[:PORT]},
 * {@code quorum_keystore}, {@code quorum_keystore_password_file}, {@code quorum_truststore},
 * {@code quorum_truststore_password_file}, {@code quorum_server_wait}, {@code two_node},
 * {@code wait_for_all} and {@code expected_votes}, each once, and checks how they fit together.
 * Reports into {@link Problems}. Not thread-safe; one per parse.
 */
final class QuorumLines {
    static final Set<String> DIRECTIVES = Set.of("quorum_server", "quorum_keystore", "quorum_keystore_password_file",
            "quorum_truststore", "quorum_truststore_password_file", "quorum_server_wait", "two_node", "wait_for_all",
            "expected_votes");
    private static final Set<String> TRUE = Set.of("on", "yes", "true", "y", "1");
    private static final Set<String> FALSE = Set.of("off", "no", "false", "n", "0");

    private final Problems problems;
    private final Function<String, Path> paths;
    private final Map<String, Integer> lineOf = new HashMap<>();
    private String host;
    private int port = QuorumConfig.DEFAULT_PORT;
    private Path keystore;
    private Path keystorePassword;
    private Path truststore;
    private Path truststorePassword;
    private Duration wait = QuorumConfig.DEFAULT_SERVER_WAIT;
    private QuorumSettings.TwoNode twoNode = QuorumSettings.TwoNode.AUTO;
    private Boolean waitForAll;
    private int expectedVotes;

    /** @param paths resolves a path written in the file (against the file's directory) */
    QuorumLines(Problems problems, Function<String, Path> paths) {
        this.problems = problems;
        this.paths = paths;
    }

    void read(String directive, int n, List<String> args) {
        Integer previous = lineOf.putIfAbsent(directive, n);
        if (previous != null) {
            problems.error(n, directive + " is already set on line " + previous, "keep only one of lines "
                    + previous + " and " + n);
            return;
        }
        if (args.size() != 1) {
            problems.error(n, directive + " takes one value, found " + args.size(), "write: " + directive + " "
                    + syntax(directive));
            return;
        }
        try {
            set(directive, args.get(0));
        } catch (IllegalArgumentException e) {
            problems.error(n, directive + ": " + e.getMessage(), "write: " + directive + " " + syntax(directive));
        }
    }

    private void set(String directive, String value) {
        switch (directive) {
            case "quorum_server" -> {
                AddressSyntax.HostPort hp = AddressSyntax.hostPort(value);
                host = hp.host();
                port = hp.port() == 0 ? QuorumConfig.DEFAULT_PORT : hp.port();
            }
            case "quorum_keystore" -> keystore = paths.apply(value);
            case "quorum_keystore_password_file" -> keystorePassword = paths.apply(value);
            case "quorum_truststore" -> truststore = paths.apply(value);
            case "quorum_truststore_password_file" -> truststorePassword = paths.apply(value);
            case "quorum_server_wait" -> wait = HeartbeatTime.parse(value);
            case "two_node" -> twoNode = twoNode(value);
            case "wait_for_all" -> waitForAll = bool(value);
            case "expected_votes" -> expectedVotes = votes(value);
            default -> throw new IllegalStateException("no quorum setting for " + directive);
        }
    }

    private static String syntax(String directive) {
        return switch (directive) {
            case "quorum_server" -> "HOST[:PORT] (port default " + QuorumConfig.DEFAULT_PORT + ")";
            case "quorum_server_wait" -> "TIME (" + HeartbeatTime.SYNTAX_HINT + ")";
            case "two_node" -> "on|off|auto";
            case "wait_for_all" -> "on|off";
            case "expected_votes" -> "N (1 or more)";
            default -> "FILE";
        };
    }

    private static QuorumSettings.TwoNode twoNode(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return QuorumSettings.TwoNode.AUTO;
        }
        return bool(value) ? QuorumSettings.TwoNode.ON : QuorumSettings.TwoNode.OFF;
    }

    private static boolean bool(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new IllegalArgumentException("'" + value + "' is not on or off");
    }

    private static int votes(String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1 && v <= 1000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + value + "' is not a number of votes (1 to 1000)");
    }

    /**
     * Checks the quorum lines against each other and against the {@code node} lines.
     *
     * @param nodes the names on {@code node} lines
     */
    QuorumConfig build(List<String> nodes) {
        int serverLine = lineOf.getOrDefault("quorum_server", 0);
        if (host == null) {
            for (String d : List.of("quorum_keystore", "quorum_keystore_password_file", "quorum_truststore",
                    "quorum_truststore_password_file", "quorum_server_wait")) {
                if (lineOf.containsKey(d)) {
                    problems.warning(lineOf.get(d), d + " is ignored without quorum_server",
                            "add a quorum_server line or remove this one");
                }
            }
        } else {
            requireFile(serverLine, "quorum_keystore", keystore, "this node's key and certificate (NODE.p12 from "
                    + "'vigil-quorumd certs')");
            requireFile(serverLine, "quorum_keystore_password_file", keystorePassword, "the file holding the "
                    + "keystore's password (NODE.pass)");
            requireFile(serverLine, "quorum_truststore", truststore, "the CA the server's certificate is checked "
                    + "against (truststore.p12)");
            if (nodes.size() < 2) {
                problems.error(serverLine, "quorum_server needs node lines naming every node of the cluster",
                        "add: node NODE1 NODE2 ... (their order gives the node ids; the quorum server breaks ties "
                                + "in favour of the lowest)");
            }
            if (twoNode == QuorumSettings.TwoNode.ON) {
                problems.error(lineOf.get("two_node"), "two_node on cannot be used with quorum_server (line "
                        + serverLine + "): the quorum server's vote decides instead",
                        "remove the two_node line or write two_node auto");
            }
        }
        if (twoNode == QuorumSettings.TwoNode.ON && nodes.size() > 2) {
            problems.error(lineOf.get("two_node"), "two_node on needs at most two nodes; the node lines name "
                    + nodes.size(), "remove the two_node line");
        }
        int counted = nodes.size() + (host == null ? 0 : 1);
        if (expectedVotes > 0 && !nodes.isEmpty() && expectedVotes < counted) {
            problems.warning(lineOf.get("expected_votes"), "expected_votes " + expectedVotes + " is less than the "
                    + counted + " votes of the node lines" + (host == null ? "" : " and the quorum server")
                    + ", so fewer than half of the nodes may have quorum", "remove the line to count the votes");
        }
        return new QuorumConfig(host, port, keystore, keystorePassword, truststore, truststorePassword, wait,
                twoNode, waitForAll, expectedVotes);
    }

    private void requireFile(int line, String directive, Path value, String what) {
        if (value == null) {
            problems.error(line, "quorum_server needs " + directive + ": " + what, "add a line: " + directive
                    + " FILE");
        }
    }
}
