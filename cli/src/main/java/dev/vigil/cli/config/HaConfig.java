package dev.vigil.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The node daemon's configuration, read from an {@code ha.cf}-style file by {@link HaConfigParser}.
 * Immutable. Timings satisfy {@code keepalive < warntime < deadtime <= initdead}.
 *
 * @param source         the file it was read from
 * @param nodeName       this node's name ({@code nodename}, default: the host name)
 * @param clusterName    {@code cluster}, default {@code vigil}; part of the cluster key
 * @param nodes          the names on {@code node} lines, in order; empty when none are listed
 * @param keepalive      interval between heartbeats (default 1s)
 * @param warntime       silence after which a late heartbeat is logged (default deadtime/2)
 * @param deadtime       silence after which a node is declared dead (default 10s)
 * @param initdead       deadtime used while the cluster first forms (default 2 × deadtime)
 * @param links          the redundant links, in file order; never empty
 * @param autoFailback   {@code auto_failback} (default {@link AutoFailback#ON})
 * @param stateDirectory {@code state_dir}, default {@code /var/lib/vigil}
 * @param controlSocket  {@code control_socket}, default {@code /run/vigil/vigil.sock}
 * @param authkeysPath   {@code authkeys}, default the file {@code authkeys} next to {@code source}
 * @param udpport        {@code udpport}, default 694: the port of links that name none
 * @param logfile        {@code logfile}, or null
 * @param debugfile      {@code debugfile}, or null
 * @param logfacility    {@code logfacility} (syslog facility or {@code none}), or null
 * @param warnings       one line per directive accepted but ignored, formatted like errors
 * @param quorum         the quorum directives ({@code quorum_server}, {@code two_node}, …)
 */
public record HaConfig(Path source, String nodeName, String clusterName, List<String> nodes,
                       Duration keepalive, Duration warntime, Duration deadtime, Duration initdead,
                       List<LinkConfig> links, AutoFailback autoFailback, Path stateDirectory,
                       Path controlSocket, Path authkeysPath, int udpport, Path logfile, Path debugfile,
                       String logfacility, List<String> warnings, QuorumConfig quorum) {

    /** Heartbeat's default UDP port for cluster traffic. */
    public static final int DEFAULT_UDP_PORT = 694;
    /** The cluster name when {@code cluster} is not given. */
    public static final String DEFAULT_CLUSTER_NAME = "vigil";
    /** The state directory when {@code state_dir} is not given. */
    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/vigil");
    /** The control socket when {@code control_socket} is not given. */
    public static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/vigil/vigil.sock");

    /**
     * Heartbeat's {@code auto_failback}: whether resources move back to their preferred node when
     * it returns. In Pacemaker terms, {@code ON} is resource-stickiness 0 and {@code OFF} a
     * positive default stickiness.
     */
    public enum AutoFailback {
        /** Fail back automatically (resource-stickiness 0). */
        ON,
        /** Stay where they run until that node fails (positive stickiness). */
        OFF,
        /** Heartbeat's default for mixed-version R1 clusters; behaves like {@code ON}. */
        LEGACY
    }

    public HaConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(autoFailback, "autoFailback");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(controlSocket, "controlSocket");
        Objects.requireNonNull(authkeysPath, "authkeysPath");
        Objects.requireNonNull(quorum, "quorum");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        warnings = List.copyOf(warnings);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("no link configured");
        }
        if (!(keepalive.compareTo(warntime) < 0 && warntime.compareTo(deadtime) < 0
                && deadtime.compareTo(initdead) <= 0)) {
            throw new IllegalArgumentException("expected keepalive < warntime < deadtime <= initdead, got "
                    + keepalive + ", " + warntime + ", " + deadtime + ", " + initdead);
        }
        if (udpport < 1 || udpport > 65535) {
            throw new IllegalArgumentException("udpport " + udpport + " is not 1 to 65535");
        }
    }
}
