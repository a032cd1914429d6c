package dev.vigil.cli.config;

import dev.vigil.cli.config.LinkConfig.Kind;
import dev.vigil.cli.config.LinkConfig.Peer;
import dev.vigil.cli.config.LinkConfig.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads the link directives of {@code ha.cf} ({@code bcast}, {@code mcast}, {@code ucast},
 * {@code link}) into drafts, then builds {@link LinkConfig}s once {@code udpport} is known: unlike
 * Heartbeat, where {@code udpport} only affects later lines, Vigil applies it to every link that
 * names no port. All {@code ucast} lines of one interface form one link (Heartbeat writes them
 * consecutively). One instance per parse; not thread-safe.
 */
final class LinkLines {
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,31}");
    private static final List<String> LINK_KEYS = List.of("bind", "port", "peers", "mcast", "ttl", "transport");
    private static final String MCAST_SYNTAX =
            "write: mcast IFACE GROUP PORT TTL LOOP, e.g. mcast eth0 239.0.0.43 694 1 0";
    private static final Map<String, String> SYNTAX = Map.of(
            "bcast", "write: bcast IFACE [IFACE…], e.g. bcast eth0 eth1",
            "mcast", MCAST_SYNTAX,
            "ucast", "write: ucast IFACE PEER_IP, one line per peer, e.g. ucast eth0 10.0.0.2");
    private static final String LINK_SYNTAX = "write: link NAME bind=ADDR[:PORT] [port=N] "
            + "peers=HOST:PORT,… | mcast=GROUP [ttl=N] [transport=udp|tcp]";

    private final Problems problems;
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, Draft> ucastByInterface = new HashMap<>();
    private final List<Draft> touched = new ArrayList<>();
    private boolean sawLinkLine;

    LinkLines(Problems problems) {
        this.problems = problems;
    }

    /** A link being read; port 0 means "udpport", a peer port 0 means "the link's port". */
    private static final class Draft {
        String name;
        Kind kind;
        String networkInterface;
        String bindAddress;
        int port;
        String group;
        int ttl;
        boolean loop;
        Transport transport = Transport.UDP;
        final List<AddressSyntax.HostPort> peers = new ArrayList<>();
        int line;
        /** Its line had an error: kept for naming, left out of the result. */
        boolean bad;
    }

    /** Reads one {@code bcast}, {@code mcast}, {@code ucast} or {@code link} line. */
    void read(String directive, int line, List<String> args) {
        sawLinkLine = true;
        touched.clear();
        int errorsBefore = problems.errorCount();
        switch (directive) {
            case "bcast" -> bcast(line, args);
            case "mcast" -> mcast(line, args);
            case "ucast" -> ucast(line, args);
            case "link" -> link(line, args);
            default -> throw new IllegalArgumentException("not a link directive: " + directive);
        }
        if (problems.errorCount() > errorsBefore) {
            touched.forEach(d -> d.bad = true);
        }
    }

    /** {@code bcast IFACE [IFACE…]}: one link per interface. */
    private void bcast(int line, List<String> args) {
        if (args.isEmpty()) {
            problems.error(line, "bcast needs at least one interface", SYNTAX.get("bcast"));
        }
        for (String iface : args) {
            Draft d = draft(Kind.BCAST, line);
            d.networkInterface = check(line, "bcast", () -> AddressSyntax.interfaceName(iface));
        }
    }

    /** {@code mcast IFACE GROUP PORT TTL LOOP}, Heartbeat's five-argument form. */
    private void mcast(int line, List<String> args) {
        if (args.size() != 5) {
            problems.error(line, "mcast takes 5 values, found " + args.size(), MCAST_SYNTAX);
            return;
        }
        Draft d = draft(Kind.MCAST, line);
        d.networkInterface = check(line, "mcast", () -> AddressSyntax.interfaceName(args.get(0)));
        d.group = check(line, "mcast", () -> AddressSyntax.multicastGroup(args.get(1)));
        Integer port = check(line, "mcast", () -> AddressSyntax.port(args.get(2)));
        d.port = port == null ? 0 : port;
        Integer ttl = check(line, "mcast", () -> number(args.get(3), 0, 255, "ttl"));
        d.ttl = ttl == null ? 1 : ttl;
        Integer loop = check(line, "mcast", () -> number(args.get(4), 0, 1, "loop"));
        d.loop = loop != null && loop == 1;
    }

    /** {@code ucast IFACE PEER [PEER…]}: peers join the link of that interface. */
    private void ucast(int line, List<String> args) {
        if (args.size() < 2) {
            problems.error(line, "ucast needs an interface and a peer address", SYNTAX.get("ucast"));
            return;
        }
        String iface = check(line, "ucast", () -> AddressSyntax.interfaceName(args.get(0)));
        Draft d = iface == null ? null : ucastByInterface.get(iface);
        if (d != null) {
            touched.add(d);
        } else {
            d = draft(Kind.UCAST, line);
            d.networkInterface = iface;
            if (iface != null) {
                ucastByInterface.put(iface, d);
            }
        }
        for (String peer : args.subList(1, args.size())) {
            String host = check(line, "ucast", () -> AddressSyntax.host(peer));
            if (host != null) {
                d.peers.add(new AddressSyntax.HostPort(host, 0));
            }
        }
    }

    /** Vigil's {@code link NAME key=value…}. */
    private void link(int line, List<String> args) {
        if (args.isEmpty() || args.get(0).contains("=")) {
            problems.error(line, "link needs a name before its options", LINK_SYNTAX);
            return;
        }
        Draft d = draft(Kind.LINK, line);
        if (LINK_NAME.matcher(args.get(0)).matches()) {
            d.name = args.get(0);
        } else {
            problems.error(line, "link name '" + args.get(0) + "' is not valid",
                    "start with a letter; use letters, digits, '_', '.', '-' (at most 32)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args.subList(1, args.size())) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.toLowerCase(Locale.ROOT) : arg.substring(0, eq).toLowerCase(Locale.ROOT);
            if (eq < 0 || !LINK_KEYS.contains(key)) {
                problems.error(line, "link " + args.get(0) + ": unknown option '" + arg + "'",
                        "use only " + String.join("=, ", LINK_KEYS) + "=");
            } else if (options.putIfAbsent(key, arg.substring(eq + 1)) != null) {
                problems.error(line, "link " + args.get(0) + ": option " + key + "= given twice", "keep one");
            }
        }
        new LinkOptions(problems, line, args.get(0)).apply(options, d);
    }

    /** Applies the {@code key=value} options of one {@code link} line to its draft. */
    private record LinkOptions(Problems problems, int line, String name) {
        void apply(Map<String, String> o, Draft d) {
            String what = "link " + name;
            if (!o.containsKey("bind")) {
                problems.error(line, what + " has no bind= address", LINK_SYNTAX);
            } else {
                var bind = check(problems, line, what, LINK_SYNTAX, () -> AddressSyntax.hostPort(o.get("bind")));
                if (bind != null) {
                    d.bindAddress = bind.host();
                    d.port = bind.port();
                }
            }
            if (o.containsKey("port")) {
                Integer port = check(problems, line, what, LINK_SYNTAX, () -> AddressSyntax.port(o.get("port")));
                if (port != null && d.port != 0 && port != d.port) {
                    problems.error(line, what + " has port " + d.port + " in bind= and port=" + port,
                            "give the port once");
                } else if (port != null) {
                    d.port = port;
                }
            }
            String transport = o.getOrDefault("transport", "udp").toLowerCase(Locale.ROOT);
            switch (transport) {
                case "udp" -> d.transport = Transport.UDP;
                case "tcp" -> d.transport = Transport.TCP;
                default -> problems.error(line, what + " has transport '" + o.get("transport") + "'",
                        "use transport=udp or transport=tcp");
            }
            if (o.containsKey("mcast")) {
                String group = o.get("mcast");
                d.group = check(problems, line, what, LINK_SYNTAX, () -> AddressSyntax.multicastGroup(group));
                d.ttl = 1;
            }
            if (o.containsKey("ttl")) {
                Integer ttl = check(problems, line, what, LINK_SYNTAX, () -> number(o.get("ttl"), 0, 255, "ttl"));
                d.ttl = ttl == null ? 1 : ttl;
            }
            if (o.containsKey("peers")) {
                for (String peer : o.get("peers").split(",", -1)) {
                    var hp = check(problems, line, what, LINK_SYNTAX, () -> AddressSyntax.hostPort(peer));
                    if (hp != null) {
                        d.peers.add(hp);
                    }
                }
            }
            checkCombination(o, d, what);
        }

        private void checkCombination(Map<String, String> o, Draft d, String what) {
            boolean mcast = o.containsKey("mcast");
            if (mcast && d.transport == Transport.TCP) {
                problems.error(line, what + " uses mcast= with transport=tcp", "TCP cannot multicast: use peers=");
            } else if (mcast && o.containsKey("peers")) {
                problems.error(line, what + " has both mcast= and peers=", "choose one way to find the other nodes");
            } else if (!mcast && !o.containsKey("peers")) {
                problems.error(line, what + " has neither peers= nor mcast=",
                        "add peers=HOST:PORT,HOST:PORT or mcast=GROUP");
            } else if (!mcast && o.containsKey("ttl")) {
                problems.error(line, what + " has ttl= without mcast=", "remove ttl=");
            }
        }
    }

    /** Builds the links: fills in ports from {@code udpport}, names them and checks names are unique. */
    List<LinkConfig> build(int udpport) {
        List<LinkConfig> links = new ArrayList<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            String name = d.name != null ? d.name : "link" + i;
            Integer other = lineOfName.putIfAbsent(name, d.line);
            if (other != null) {
                problems.error(d.line, "link name '" + name + "' is already used on line " + other,
                        "give each link its own name (unnamed links are called link0, link1, … in file order)");
            }
            if (d.bad) {
                continue; // its line was already reported; cross-checks on it would only add noise
            }
            int port = d.port == 0 ? udpport : d.port;
            List<Peer> peers = new ArrayList<>();
            for (AddressSyntax.HostPort p : d.peers) {
                Peer peer = new Peer(p.host(), p.port() == 0 ? port : p.port());
                if (!peers.contains(peer)) {
                    peers.add(peer);
                }
            }
            links.add(new LinkConfig(name, d.kind, d.networkInterface, d.bindAddress, port, d.group, d.ttl,
                    d.loop, d.transport, peers, d.line));
        }
        return links;
    }

    /** Whether any link line was read, even an invalid one. */
    boolean hasLinkLines() {
        return sawLinkLine;
    }

    /** The line of the first link that takes its port from {@code udpport}, or 0. */
    int firstLineUsingUdpport() {
        return drafts.stream().filter(d -> d.port == 0 && !d.bad).mapToInt(d -> d.line).findFirst().orElse(0);
    }

    private Draft draft(Kind kind, int line) {
        Draft d = new Draft();
        d.kind = kind;
        d.line = line;
        drafts.add(d);
        touched.add(d);
        return d;
    }

    private <T> T check(int line, String directive, Supplier<T> parse) {
        return check(problems, line, directive, SYNTAX.get(directive), parse);
    }

    /** Runs one value check; on failure records the error and returns null. */
    private static <T> T check(Problems problems, int line, String what, String fix, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.error(line, what + ": " + e.getMessage(), fix);
            return null;
        }
    }

    private static int number(String text, int min, int max, String what) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not a number from " + min + " to " + max);
    }
}
