package dev.vigil.membership;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One cluster link (network path) as configured: Heartbeat's {@code bcast}/{@code mcast}/{@code ucast}
 * lines map onto one of these each. Every link carries its own JGroups channel. Immutable.
 *
 * @param name the link's name, unique within the configuration (e.g. {@code link0}, {@code eth1})
 * @param transport the JGroups transport to use on this link
 * @param bindAddress the local address to bind (name or literal), e.g. {@code 10.0.0.1}
 * @param bindPort the local port to bind exactly (no port range is tried); 0 picks a free port,
 *        which is allowed only with multicast discovery
 * @param peers static peers' addresses (may include this node's own address); used for discovery
 *        when {@code multicastGroup} is null
 * @param multicastGroup IP multicast group for discovery and group traffic, {@code address} or
 *        {@code address:port} (port {@value #DEFAULT_MULTICAST_PORT} when omitted; IPv6 in brackets,
 *        {@code [ff02::1]:694}); null for static peers. Only with {@link Transport#UDP}.
 */
public record LinkSpec(String name, Transport transport, String bindAddress, int bindPort,
                       List<InetSocketAddress> peers, String multicastGroup) {

    /** Port of the multicast group when {@link #multicastGroup} names none. */
    public static final int DEFAULT_MULTICAST_PORT = 45588;

    /** How a link moves datagrams. */
    public enum Transport { UDP, TCP }

    public LinkSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "link name '" + name + "' must be non-empty letters, digits, '.', '_' or '-'");
        }
        if (bindPort < 0 || bindPort > 65535) {
            throw new IllegalArgumentException("link '" + name + "': bind port " + bindPort + " is not in 0..65535");
        }
        peers = List.copyOf(peers);
        if (multicastGroup != null && transport != Transport.UDP) {
            throw new IllegalArgumentException("link '" + name + "': multicast group '" + multicastGroup
                    + "' needs transport UDP, not " + transport);
        }
        if (multicastGroup == null && bindPort == 0) {
            throw new IllegalArgumentException("link '" + name + "': static peers need a fixed bind port, not 0");
        }
    }

    /** A link that discovers its peers from a static list (Heartbeat's {@code ucast}). */
    public static LinkSpec ofPeers(String name, Transport transport, String bindAddress, int bindPort,
                                   List<InetSocketAddress> peers) {
        return new LinkSpec(name, transport, bindAddress, bindPort, peers, null);
    }

    /** Whether this link discovers peers by IP multicast rather than from {@link #peers}. */
    public boolean usesMulticast() {
        return multicastGroup != null;
    }

    /** The multicast group's address part; only when {@link #usesMulticast()}. */
    String multicastAddress() {
        int colon = multicastGroup.lastIndexOf(':');
        return colon < 0 || multicastGroup.endsWith("]") ? multicastGroup : multicastGroup.substring(0, colon);
    }

    /** The multicast group's port; only when {@link #usesMulticast()}. */
    int multicastPort() {
        String address = multicastAddress();
        if (address.length() == multicastGroup.length()) {
            return DEFAULT_MULTICAST_PORT;
        }
        String port = multicastGroup.substring(address.length() + 1);
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("link '" + name + "': multicast port '" + port + "' is not in 1..65535");
    }
}
