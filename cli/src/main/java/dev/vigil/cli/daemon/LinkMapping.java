package dev.vigil.cli.daemon;

import dev.vigil.cli.config.HaConfig;
import dev.vigil.cli.config.LinkConfig;
import dev.vigil.membership.LinkSpec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;

/** Maps ha.cf links onto membership links, resolving interface names to their addresses. */
final class LinkMapping {
    private LinkMapping() {
    }

    static List<LinkSpec> links(HaConfig cfg) throws IOException {
        List<LinkSpec> out = new ArrayList<>();
        for (LinkConfig l : cfg.links()) {
            String bind = l.bindAddress() != null ? l.bindAddress() : interfaceAddress(l);
            LinkSpec.Transport t = l.transport() == LinkConfig.Transport.TCP ? LinkSpec.Transport.TCP
                    : LinkSpec.Transport.UDP;
            List<InetSocketAddress> peers = l.peers().stream()
                    .map(p -> InetSocketAddress.createUnresolved(p.host(), p.port()))
                    .map(a -> new InetSocketAddress(a.getHostString(), a.getPort())).toList();
            String group = null;
            if (l.multicastGroup() != null) {
                group = l.multicastGroup().contains(":") && !l.multicastGroup().startsWith("[")
                        && l.multicastGroup().chars().filter(c -> c == ':').count() > 1
                        ? "[" + l.multicastGroup() + "]:" + l.port() : l.multicastGroup() + ":" + l.port();
            } else if (l.kind() == LinkConfig.Kind.BCAST) {
                throw new IOException(cfg.source() + ":" + l.line() + ": bcast links are not supported yet: use "
                        + "'ucast " + l.networkInterface() + " PEER_IP' lines (one per peer) or mcast instead");
            }
            out.add(new LinkSpec(l.name(), t, bind, l.port(), peers, group));
        }
        return out;
    }

    private static String interfaceAddress(LinkConfig l) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(l.networkInterface());
        if (nif == null) {
            throw new IOException("link " + l.name() + ": network interface '" + l.networkInterface()
                    + "' does not exist on this machine");
        }
        for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address) {
                return a.getHostAddress();
            }
        }
        throw new IOException("link " + l.name() + ": interface '" + l.networkInterface() + "' has no IPv4 address");
    }
}
