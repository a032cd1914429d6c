package dev.vigil.cli.config;

import java.util.List;
import java.util.Objects;

/**
 * One redundant cluster link from {@code ha.cf}: one {@code bcast} interface, one {@code mcast}
 * line, all {@code ucast} lines of one interface, or one Vigil {@code link} line. The membership
 * layer opens one channel per link. Immutable.
 *
 * @param name             {@code link0}, {@code link1}, … by position in the file, or the name given
 *                         on a {@code link} line
 * @param kind             the directive that created it
 * @param networkInterface the interface to send on ({@code bcast}/{@code mcast}/{@code ucast}), or
 *                         null for a {@code link} line
 * @param bindAddress      the IP literal or unresolved host name to bind ({@code link} lines), or
 *                         null to bind on {@code networkInterface}
 * @param port             the port this node listens on and, unless a peer says otherwise, sends to
 * @param multicastGroup   the multicast group literal, or null when the link does not multicast
 * @param ttl              multicast time-to-live (0–255); 0 when the link does not multicast
 * @param multicastLoop    whether multicast is looped back to this host (Heartbeat's {@code loop})
 * @param transport        UDP, or TCP for {@code link … transport=tcp}
 * @param peers            static peers (ucast IPs, {@code link … peers=}); may include this node
 * @param line             the line of {@code ha.cf} that created the link, for messages
 */
public record LinkConfig(String name, Kind kind, String networkInterface, String bindAddress, int port,
                         String multicastGroup, int ttl, boolean multicastLoop, Transport transport,
                         List<Peer> peers, int line) {

    /** The {@code ha.cf} directive a link comes from. */
    public enum Kind {
        /** {@code bcast IFACE}: UDP broadcast on an interface. */
        BCAST,
        /** {@code mcast IFACE GROUP PORT TTL LOOP}: UDP multicast. */
        MCAST,
        /** {@code ucast IFACE PEER}: UDP unicast to listed peers. */
        UCAST,
        /** Vigil's {@code link NAME bind=… peers=…|mcast=…}. */
        LINK
    }

    /** The transport protocol of a link. */
    public enum Transport { UDP, TCP }

    /** A static peer: an IP literal or unresolved host name, and its port. Immutable. */
    public record Peer(String host, int port) {
        public Peer {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("peer host is blank");
            }
            requirePort(port, "peer " + host);
        }

        /** {@code host:port}, with brackets around an IPv6 literal. */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public LinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(transport, "transport");
        if (name.isBlank()) {
            throw new IllegalArgumentException("link name is blank");
        }
        if (networkInterface == null && bindAddress == null) {
            throw new IllegalArgumentException("link '" + name + "' has neither an interface nor a bind address");
        }
        requirePort(port, "link '" + name + "'");
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("link '" + name + "' has ttl " + ttl + "; expected 0 to 255");
        }
        peers = List.copyOf(peers);
    }

    /** Whether this link sends by multicast. */
    public boolean isMulticast() {
        return multicastGroup != null;
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " has port " + port + "; expected 1 to 65535");
        }
    }
}
