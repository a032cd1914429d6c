package dev.vigil.cli.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cross-checks of {@code ha.cf} that involve more than one line: timing order, this node among
 * the {@code node} lines, link ports, control socket length. Reports into {@link Problems}.
 * Stateless apart from the problems and the directive lines it is given.
 */
final class HaConfigChecks {
    /** {@code sun_path} holds 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;
    private static final Map<String, String> DEFAULT_NOTES = Map.of(
            "keepalive", " (default)", "warntime", " (default: half of deadtime)",
            "deadtime", " (default)", "initdead", " (default: twice deadtime)");

    private final Problems problems;
    private final Map<String, Integer> lineOf;

    /** @param lineOf the line of each single-valued directive that was written */
    HaConfigChecks(Problems problems, Map<String, Integer> lineOf) {
        this.problems = problems;
        this.lineOf = lineOf;
    }

    /** Checks {@code keepalive < warntime < deadtime <= initdead}. */
    void timings(Duration keepalive, Duration warntime, Duration deadtime, Duration initdead) {
        if (keepalive.compareTo(warntime) >= 0) {
            order("keepalive", keepalive, "shorter than", "warntime", warntime);
        }
        if (warntime.compareTo(deadtime) >= 0) {
            order("warntime", warntime, "shorter than", "deadtime", deadtime);
        }
        if (deadtime.compareTo(initdead) > 0) {
            order("deadtime", deadtime, "at most", "initdead", initdead);
        }
    }

    private void order(String first, Duration a, String relation, String second, Duration b) {
        int line = Math.max(lineOf.getOrDefault(first, 0), lineOf.getOrDefault(second, 0));
        problems.error(line, first + " " + HeartbeatTime.format(a) + note(first) + " must be " + relation + " "
                + second + " " + HeartbeatTime.format(b) + note(second),
                "set them so that keepalive < warntime < deadtime <= initdead, e.g. keepalive 1, warntime 5, "
                        + "deadtime 10, initdead 20");
    }

    private String note(String directive) {
        return lineOf.containsKey(directive) ? "" : DEFAULT_NOTES.get(directive);
    }

    /** When {@code node} lines exist, this node must be among them (compared ignoring case, as Heartbeat does). */
    void nodeListed(String nodeName, List<String> nodes, int firstNodeLine) {
        if (nodes.isEmpty() || nodeName == null) {
            return;
        }
        String wanted = nodeName.toLowerCase(Locale.ROOT);
        if (nodes.stream().noneMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted))) {
            int line = lineOf.getOrDefault("nodename", firstNodeLine);
            String from = lineOf.containsKey("nodename") ? "nodename" : "the host name";
            problems.error(line, "this node's name '" + nodeName + "' (from " + from + ") is not on any node line ("
                    + String.join(", ", nodes) + ")", "add it to a node line, or set nodename to one of them");
        }
    }

    /**
     * At least one link (reported only when there was no link line at all, bad lines being
     * reported already), and no two links listening on the same address, port and transport.
     */
    void links(List<LinkConfig> links, boolean anyLinkLine) {
        if (links.isEmpty()) {
            if (!anyLinkLine) { // otherwise the bad link lines were reported already
                problems.error(0, "no link configured", "add a bcast, mcast, ucast or link line");
            }
            return;
        }
        Map<String, LinkConfig> byEndpoint = new HashMap<>();
        for (LinkConfig link : links) {
            String where = link.bindAddress() != null ? "address " + link.bindAddress()
                    : "interface " + link.networkInterface();
            String key = link.transport() + " port " + link.port() + " on " + where;
            LinkConfig other = byEndpoint.putIfAbsent(key, link);
            if (other != null) {
                problems.error(link.line(), "links " + other.name() + " (line " + other.line() + ") and " + link.name()
                        + " (line " + link.line() + ") both use " + key,
                        "give one of them another port (udpport, the mcast port, port= or bind=ADDR:PORT)");
            }
        }
    }

    /** A Unix socket path must fit in {@code sun_path}. */
    void controlSocket(Path socket) {
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            problems.error(lineOf.getOrDefault("control_socket", 0), "control_socket path '" + socket + "' is "
                    + bytes + " bytes; a Unix socket path is at most " + MAX_SOCKET_PATH_BYTES,
                    "choose a shorter path");
        }
    }
}
