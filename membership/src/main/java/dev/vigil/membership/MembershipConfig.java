package dev.vigil.membership;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the membership layer needs to know, mapped by the daemon from {@code ha.cf} and
 * {@code authkeys}. Immutable: the key is copied in and out.
 *
 * @param nodeName this node's name (Heartbeat's {@code node} / {@code uname -n}); the logical
 *        name on every link
 * @param clusterName the cluster's name; channels are named {@code vigil-<clusterName>-<link>}
 * @param links the redundant links, in configuration order; at least one, names unique
 * @param keepalive heartbeat interval ({@code keepalive})
 * @param deadtime how long a node may stay silent on a link before it is dropped from that link
 *        ({@code deadtime}); at least twice {@code keepalive}. A node whose process died while its
 *        host is up is dropped sooner, in about 250 ms (its liveness connections close)
 * @param clusterKey 32 bytes derived from {@code authkeys}; authenticates and encrypts all traffic
 */
public record MembershipConfig(String nodeName, String clusterName, List<LinkSpec> links,
                               Duration keepalive, Duration deadtime, byte[] clusterKey) {

    /** Length of {@link #clusterKey} in bytes. */
    public static final int KEY_LENGTH = 32;

    public MembershipConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(deadtime, "deadtime");
        Objects.requireNonNull(clusterKey, "clusterKey");
        if (nodeName.isBlank() || nodeName.length() > 255) {
            throw new IllegalArgumentException("node name '" + nodeName + "' must be 1..255 non-blank characters");
        }
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        links = List.copyOf(links);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("at least one link is needed; none configured");
        }
        Set<String> names = new HashSet<>();
        for (LinkSpec link : links) {
            if (!names.add(link.name())) {
                throw new IllegalArgumentException("link '" + link.name() + "' is configured twice");
            }
        }
        if (keepalive.toMillis() < 10) {
            throw new IllegalArgumentException("keepalive " + keepalive + " must be at least 10 ms");
        }
        if (deadtime.compareTo(keepalive.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("deadtime " + deadtime + " must be at least twice keepalive "
                    + keepalive);
        }
        if (clusterKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("cluster key must be " + KEY_LENGTH + " bytes, got "
                    + clusterKey.length);
        }
        clusterKey = clusterKey.clone();
    }

    /** A copy of the cluster key. */
    @Override
    public byte[] clusterKey() {
        return clusterKey.clone();
    }

    /** The link named {@code name}. */
    public LinkSpec link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no link named '" + name + "'; configured: "
                        + links.stream().map(LinkSpec::name).toList()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MembershipConfig c && nodeName.equals(c.nodeName) && clusterName.equals(c.clusterName)
                && links.equals(c.links) && keepalive.equals(c.keepalive) && deadtime.equals(c.deadtime)
                && Arrays.equals(clusterKey, c.clusterKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeName, clusterName, links, keepalive, deadtime, Arrays.hashCode(clusterKey));
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "MembershipConfig[nodeName=" + nodeName + ", clusterName=" + clusterName + ", links=" + links
                + ", keepalive=" + keepalive + ", deadtime=" + deadtime + ", clusterKey=<redacted>]";
    }
}
