package dev.vigil.cli.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Heartbeat {@code ha.cf} directives that Vigil accepts so existing files keep working, but does
 * not act on; each comes with the reason shown in the warning. Stateless.
 */
final class IgnoredDirectives {
    private static final String SERIAL =
            "serial links are not supported — use a bcast, mcast, ucast or link line over a network";
    private static final String COMPRESSION = "Vigil does not compress cluster messages";
    private static final String PING = "Heartbeat ping nodes are not supported";
    private static final String LOGD = "Vigil logs through its own logging configuration, not ha_logd";
    private static final String TRANSPORT = "retransmission and routing belong to Vigil's membership layer";
    private static final String PRIORITY = "Vigil does not change its own scheduling priority";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("crm", "Vigil is itself the cluster resource manager"),
            Map.entry("pacemaker", "Vigil is itself the cluster resource manager"),
            Map.entry("use_logd", LOGD),
            Map.entry("conn_logd_time", LOGD),
            Map.entry("compression", COMPRESSION),
            Map.entry("compression_threshold", COMPRESSION),
            Map.entry("traditional_compression", COMPRESSION),
            Map.entry("coredumps", "core dumps of vigild follow the system's settings (ulimit, systemd)"),
            Map.entry("autojoin", "Vigil nodes join through membership; autojoin has no meaning here"),
            Map.entry("apiauth", "the control socket admits root and the haclient group only"),
            Map.entry("respawn", "Vigil does not respawn helper programs; run them as resources or services"),
            Map.entry("ping", PING),
            Map.entry("ping_group", PING),
            Map.entry("hbaping", PING),
            Map.entry("realtime", PRIORITY),
            Map.entry("rtprio", PRIORITY),
            Map.entry("debug", "verbosity is set in Vigil's logging configuration"),
            Map.entry("msgfmt", "Vigil has its own message format"),
            Map.entry("uuidfrom", "Vigil identifies nodes by name"),
            Map.entry("max_rexmit_delay", TRANSPORT),
            Map.entry("hopfudge", TRANSPORT),
            Map.entry("baud", SERIAL),
            Map.entry("serial", SERIAL));

    private IgnoredDirectives() {
    }

    /** Why a directive is ignored, or empty when it is not one of the ignored directives. */
    static Optional<String> reason(String directive) {
        return Optional.ofNullable(REASONS.get(directive));
    }

    /** All ignored directive names (for spelling suggestions). */
    static Set<String> names() {
        return REASONS.keySet();
    }
}
