package dev.vigil.quorumd;

import dev.vigil.quorumd.wire.Protocol;
import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code HOST:PORT}, {@code [IPV6]:PORT}, {@code :PORT} or {@code PORT} (all interfaces) as an
 * unresolved-then-resolved socket address. Port 0 means any free port.
 */
public final class ListenAddressConverter implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        return parse(value);
    }

    public static InetSocketAddress parse(String text) {
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw new TypeConversionException("'" + text + "' is not [IPV6]:PORT");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else if (t.indexOf(':') >= 0) {
            int colon = t.lastIndexOf(':');
            if (t.indexOf(':') != colon) {
                throw new TypeConversionException("'" + text + "': write an IPv6 address as [ADDRESS]:PORT");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        } else {
            host = "";
            port = t;
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' has no valid port; write HOST:PORT, e.g. 0.0.0.0:"
                    + Protocol.DEFAULT_PORT);
        }
        if (p < 0 || p > 65535) {
            throw new TypeConversionException("port " + p + " in '" + text + "' is outside 0..65535");
        }
        InetSocketAddress address = host.isEmpty() ? new InetSocketAddress(p) : new InetSocketAddress(host, p);
        if (address.isUnresolved()) {
            throw new TypeConversionException("cannot resolve host '" + host + "' of '" + text + "'");
        }
        return address;
    }
}
