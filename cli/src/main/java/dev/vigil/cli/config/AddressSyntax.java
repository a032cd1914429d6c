package dev.vigil.cli.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Checks the network values of {@code ha.cf} without touching the network: IP literals are parsed
 * (never resolved), host names are only checked for syntax and kept as strings. Every method
 * throws {@link IllegalArgumentException} whose message names the bad value. Stateless.
 */
final class AddressSyntax {
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** Linux interface names: at most 15 bytes; aliases such as {@code eth0:1} and VLANs allowed. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    private AddressSyntax() {
    }

    /** Parses an IPv4 or IPv6 literal (IPv6 with or without brackets); never a DNS lookup. */
    static InetAddress ipLiteral(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.indexOf(':') >= 0) {
            try {
                // Brackets make the JDK insist on an IPv6 literal instead of falling back to DNS.
                InetAddress address = InetAddress.getByName("[" + s + "]");
                if (address instanceof Inet6Address) {
                    return address;
                }
            } catch (UnknownHostException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
        }
        var m = IPV4.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IP address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address (" + octet + " > 255)");
            }
            bytes[i] = (byte) octet;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * Checks a host: an IP literal, or a host name kept unresolved. Returns it as written
     * (brackets of an IPv6 literal removed).
     */
    static String host(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (text.indexOf(':') >= 0 || text.startsWith("[") || IPV4_LIKE.matcher(text).matches()) {
            ipLiteral(text);
            return text.startsWith("[") ? text.substring(1, text.length() - 1) : text;
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.length() > 253 || name.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a valid host name or IP address");
        }
        for (String label : name.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a valid host name or IP address");
            }
        }
        return text;
    }

    /** A multicast group: an IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast literal. */
    static String multicastGroup(String text) {
        InetAddress address = ipLiteral(text);
        if (!address.isMulticastAddress()) {
            throw new IllegalArgumentException("'" + text + "' is not a multicast address (IPv4 224.0.0.0 to "
                    + "239.255.255.255, or IPv6 ff00::/8)");
        }
        return text.startsWith("[") ? text.substring(1, text.length() - 1) : text;
    }

    /** A port number 1–65535. */
    static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a port number (1 to 65535)");
    }

    /** A network interface name such as {@code eth0}, {@code bond0.100} or {@code eth0:1}. */
    static String interfaceName(String text) {
        if (!INTERFACE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a network interface name (like eth0 or bond0)");
        }
        return text;
    }

    /**
     * Splits {@code HOST[:PORT]} ({@code [V6]:PORT} for IPv6; a bare IPv6 literal has no port).
     *
     * @return the checked host and the port, or 0 when none was written
     */
    static HostPort hostPort(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has '[' without ']'");
            }
            host = text.substring(0, close + 1);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
                }
                port = rest.substring(1);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        return new HostPort(host(host), port == null ? 0 : port(port));
    }

    /** A host and a port (0 when not given). */
    record HostPort(String host, int port) {
    }
}
