package dev.vigil.cli.config;

import dev.vigil.cib.Spelling;
import dev.vigil.cli.config.HaConfig.AutoFailback;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads an {@code ha.cf}-style file into a {@link HaConfig}.
 *
 * <p>Syntax as in Heartbeat: one directive per line followed by whitespace-separated values,
 * {@code #} starts a comment (whole line or trailing), directives are matched ignoring case.
 * Relative paths ({@code authkeys}, {@code state_dir}, …) are resolved against the directory of the
 * file. All problems are collected in one pass and thrown together as a {@link ConfigException};
 * directives Vigil accepts but ignores become {@link HaConfig#warnings()}. Thread-safe: each
 * {@code parse} call uses its own instance.
 */
public final class HaConfigParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Set<String> SINGLE = Set.of("nodename", "cluster", "keepalive", "warntime", "deadtime",
            "initdead", "auto_failback", "state_dir", "control_socket", "authkeys", "udpport", "logfile",
            "debugfile", "logfacility");
    private static final Set<String> MULTI = Set.of("node", "bcast", "mcast", "ucast", "link", "nice_failback");
    private static final Set<String> FACILITIES = Set.of("auth", "authpriv", "cron", "daemon", "kern", "lpr",
            "mail", "news", "syslog", "user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5",
            "local6", "local7", "none");

    private final Path source;
    private final Path directory;
    private final Problems problems;
    private final LinkLines links;
    private final QuorumLines quorum;
    private final Map<String, Integer> lineOf = new HashMap<>();
    private final List<String> nodes = new ArrayList<>();
    private final Map<String, Integer> nodeLines = new HashMap<>();
    private String nodeName;
    private String clusterName;
    private Duration keepalive;
    private Duration warntime;
    private Duration deadtime;
    private Duration initdead;
    private AutoFailback autoFailback;
    private Path stateDirectory;
    private Path controlSocket;
    private Path authkeys;
    private Integer udpport;
    private Path logfile;
    private Path debugfile;
    private String logfacility;

    private HaConfigParser(Path source) {
        this.source = source;
        this.directory = source.toAbsolutePath().normalize().getParent();
        this.problems = new Problems(source.toString());
        this.links = new LinkLines(problems);
        this.quorum = new QuorumLines(problems, this::path);
    }

    /**
     * Reads and parses {@code file} (UTF-8).
     *
     * @param defaultNodeName this node's name when the file has no {@code nodename} line, normally the
     *                        host name ({@code uname -n}); may be null
     * @throws ConfigException listing every problem, or why the file could not be read
     */
    public static HaConfig parse(Path file, String defaultNodeName) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": not found — create it, or pass the right path", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot read it (permission denied) — run as root or fix its owner", e);
        } catch (MalformedInputException e) {
            throw new ConfigException(file + ": is not UTF-8 text — save it as plain UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it (" + e + ") — check the path", e);
        }
        return parse(text, file, defaultNodeName);
    }

    /**
     * Parses {@code text} as if read from {@code source}, which names the file in messages and
     * anchors relative paths; {@code source} itself is not read.
     *
     * @throws ConfigException listing every problem found
     */
    public static HaConfig parse(String text, Path source, String defaultNodeName) throws ConfigException {
        HaConfigParser parser = new HaConfigParser(source);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(i + 1, i == 0 && lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[i]);
        }
        return parser.build(defaultNodeName);
    }

    private void line(int n, String raw) {
        int hash = raw.indexOf('#');
        String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (text.isEmpty()) {
            return;
        }
        List<String> words = Arrays.asList(text.split("\\s+"));
        String directive = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        switch (directive) {
            case "node" -> node(n, args);
            case "bcast", "mcast", "ucast", "link" -> links.read(directive, n, args);
            case "nice_failback" -> single("auto_failback", directive, n, args);
            default -> {
                if (SINGLE.contains(directive)) {
                    single(directive, directive, n, args);
                } else if (QuorumLines.DIRECTIVES.contains(directive)) {
                    quorum.read(directive, n, args);
                } else if (IgnoredDirectives.reason(directive).isPresent()) {
                    String reason = IgnoredDirectives.reason(directive).get();
                    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
                    problems.warning(n, "'" + shown + "' ignored: " + reason,
                            reason.contains(" — ") ? null : "remove the line to silence this warning");
                } else {
                    problems.error(n, "unknown directive '" + words.get(0) + "'", suggestion(directive));
                }
            }
        }
    }

    private void node(int n, List<String> args) {
        if (args.isEmpty()) {
            problems.error(n, "node needs at least one node name", "write: node NAME [NAME…]");
        }
        if (nodes.isEmpty() && !args.isEmpty()) {
            lineOf.put("node", n);
        }
        for (String name : args) {
            if (!NAME.matcher(name).matches()) {
                problems.error(n, "node name '" + name + "' is not valid", "use letters, digits, '.', '_', '-'");
            } else if (nodeLines.putIfAbsent(name.toLowerCase(Locale.ROOT), n) != null) {
                problems.warning(n, "node '" + name + "' is already listed on line "
                        + nodeLines.get(name.toLowerCase(Locale.ROOT)), "remove the repeat");
            } else {
                nodes.add(name);
            }
        }
    }

    private void single(String key, String directive, int n, List<String> args) {
        Integer previous = lineOf.putIfAbsent(key, n);
        if (previous != null) {
            String what = key.equals(directive) ? directive : directive + " (same setting as auto_failback)";
            problems.error(n, what + " is already set on line " + previous, "keep only one of lines " + previous
                    + " and " + n);
            return;
        }
        if (args.size() != 1) {
            problems.error(n, directive + " takes one value, found " + args.size(), "write: " + directive + " VALUE");
            return;
        }
        String value = args.get(0);
        try {
            setting(directive, value);
        } catch (IllegalArgumentException e) {
            problems.error(n, directive + ": " + e.getMessage(), fixFor(directive));
        }
    }

    private void setting(String directive, String value) {
        switch (directive) {
            case "nodename" -> nodeName = name(value);
            case "cluster" -> clusterName = name(value);
            case "keepalive" -> keepalive = HeartbeatTime.parse(value);
            case "warntime" -> warntime = HeartbeatTime.parse(value);
            case "deadtime" -> deadtime = HeartbeatTime.parse(value);
            case "initdead" -> initdead = HeartbeatTime.parse(value);
            case "auto_failback" -> autoFailback = failback(value, false);
            case "nice_failback" -> autoFailback = failback(value, true);
            case "state_dir" -> stateDirectory = path(value);
            case "control_socket" -> controlSocket = path(value);
            case "authkeys" -> authkeys = path(value);
            case "udpport" -> udpport = AddressSyntax.port(value);
            case "logfile" -> logfile = path(value);
            case "debugfile" -> debugfile = path(value);
            case "logfacility" -> logfacility = facility(value);
            default -> throw new IllegalStateException("no setting for directive " + directive);
        }
    }

    private HaConfig build(String defaultNodeName) throws ConfigException {
        if (nodeName == null && !lineOf.containsKey("nodename")) {
            if (defaultNodeName == null || !NAME.matcher(defaultNodeName).matches()) {
                problems.error(0, "no node name: the host name '" + defaultNodeName + "' cannot be used",
                        "add a line: nodename NAME");
            } else {
                nodeName = defaultNodeName;
            }
        }
        int port = udpport != null ? udpport : HaConfig.DEFAULT_UDP_PORT;
        int firstUsingPort = links.firstLineUsingUdpport();
        if (udpport != null && firstUsingPort > 0 && firstUsingPort < lineOf.get("udpport")) {
            problems.warning(lineOf.get("udpport"), "udpport comes after the link on line " + firstUsingPort
                    + "; Vigil applies it to every link without a port (Heartbeat only to later lines)",
                    "move udpport above the link lines");
        }
        List<LinkConfig> built = links.build(port);
        Duration dead = deadtime != null ? deadtime : Duration.ofSeconds(10);
        Duration keep = keepalive != null ? keepalive : Duration.ofSeconds(1);
        Duration warn = warntime != null ? warntime : dead.dividedBy(2);
        Duration init = initdead != null ? initdead : dead.multipliedBy(2);
        Path socket = controlSocket != null ? controlSocket : HaConfig.DEFAULT_CONTROL_SOCKET;
        HaConfigChecks checks = new HaConfigChecks(problems, lineOf);
        checks.timings(keep, warn, dead, init);
        checks.nodeListed(nodeName, nodes, lineOf.getOrDefault("node", 0));
        checks.links(built, links.hasLinkLines());
        checks.controlSocket(socket);
        QuorumConfig quorumConfig = quorum.build(nodes);
        problems.throwIfErrors();
        return new HaConfig(source, nodeName, clusterName != null ? clusterName : HaConfig.DEFAULT_CLUSTER_NAME,
                nodes, keep, warn, dead, init, built, autoFailback != null ? autoFailback : AutoFailback.ON,
                stateDirectory != null ? stateDirectory : HaConfig.DEFAULT_STATE_DIRECTORY, socket,
                authkeys != null ? authkeys : directory.resolve("authkeys"), port, logfile, debugfile,
                logfacility, problems.warnings(), quorumConfig);
    }

    private static String name(String value) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid name");
        }
        return value;
    }

    /** Heartbeat booleans (on/off, yes/no, true/false, y/n, 1/0), plus {@code legacy} for auto_failback. */
    private static AutoFailback failback(String value, boolean nice) {
        String v = value.toLowerCase(Locale.ROOT);
        boolean on = Set.of("on", "yes", "true", "y", "1").contains(v);
        if (!on && !Set.of("off", "no", "false", "n", "0").contains(v)) {
            if (!nice && v.equals("legacy")) {
                return AutoFailback.LEGACY;
            }
            throw new IllegalArgumentException("'" + value + "' is not " + (nice ? "on or off" : "on, off or legacy"));
        }
        // nice_failback on is the old spelling of auto_failback off.
        return on != nice ? AutoFailback.ON : AutoFailback.OFF;
    }

    private Path path(String value) {
        try {
            return directory.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid path");
        }
    }

    private static String facility(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!FACILITIES.contains(v)) {
            throw new IllegalArgumentException("'" + value + "' is not a syslog facility");
        }
        return v;
    }

    private static String suggestion(String directive) {
        Set<String> known = new TreeSet<>(SINGLE);
        known.addAll(MULTI);
        known.addAll(QuorumLines.DIRECTIVES);
        known.addAll(IgnoredDirectives.names());
        return Spelling.closest(directive, known)
                .map(candidate -> "did you mean '" + candidate + "'?")
                .orElse("remove it, or check the spelling against the ha.cf directives Vigil reads");
    }

    private static String fixFor(String directive) {
        return switch (directive) {
            case "keepalive", "warntime", "deadtime", "initdead" -> HeartbeatTime.SYNTAX_HINT;
            case "nodename", "cluster" -> "use letters, digits, '.', '_', '-', starting with a letter or digit";
            case "auto_failback" -> "write: auto_failback on|off|legacy";
            case "nice_failback" -> "write: auto_failback off (instead of nice_failback on)";
            case "udpport" -> "write a port number from 1 to 65535";
            case "logfacility" -> "use one of: " + String.join(", ", new TreeSet<>(FACILITIES));
            default -> "write a valid path";
        };
    }
}
