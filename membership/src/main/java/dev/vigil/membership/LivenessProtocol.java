package dev.vigil.membership;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ExtendedUUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGroups protocol that notices at once that a member's <em>process</em> died while its host stays
 * up, on this link: every member listens on an ephemeral TCP port of the link's address and holds
 * one connection to the port of every other member of the view. When a process dies (crash,
 * {@code kill -9}, OOM kill) its kernel closes its sockets, the peers read end-of-stream within a
 * round trip, and each raises a {@code SUSPECT} event for it. {@code VERIFY_SUSPECT}, directly
 * above, then asks the suspect over the sealed channel whether it is alive; a dead process cannot
 * answer, so GMS excludes it one verification window later, whatever {@code deadtime} is. A host
 * that goes silent (power loss, cable pulled, kernel hang) closes nothing: it is still found by
 * {@code FD_ALL3} after {@code deadtime}, as before.
 *
 * <p>Port: bound at {@link #init} (before the channel connects) to port 0, so it never collides
 * with a link port or another node's port, and advertised in this member's {@link ExtendedUUID}
 * address under {@link #PORT_KEY}. Members learn it only from addresses inside sealed views, the
 * IP to dial from the transport's physical address of that member. A firewall between the nodes
 * must let TCP reach these ephemeral ports; where it does not, the connection cannot be opened
 * (logged once per member at WARN) and crashes are found after {@code deadtime} only.
 *
 * <p>A member that leaves gracefully writes one byte to its watchers as its stack stops (after
 * GMS has handled the leave), so they do not take the closing connection for a crash.
 *
 * <p>Why the unsealed socket is safe: no other data crosses it. The watcher never writes; the
 * watched side closes any connection on its first byte (a genuine watcher sends none) and keeps at
 * most {@value #MAX_ACCEPTED} idle ones, so a stranger can neither feed data in nor learn anything
 * from it. Whatever someone on the path forges, a closed or reset connection or a goodbye byte,
 * does one of two things. A goodbye closes the connection without a suspicion; it is opened again
 * one keepalive later (a member that really left refuses it, which is no suspicion either), and in
 * between FD_ALL3 still finds a crash after deadtime. A closed connection only
 * raises a suspicion, and a suspicion alone excludes nobody: {@code VERIFY_SUSPECT} sends a sealed
 * {@code ARE_YOU_DEAD}, a live member answers with a sealed {@code I_AM_NOT_DEAD} and stays, and
 * the connection is opened again at once. Only a member that cannot answer over the sealed channel
 * for a whole verification window is excluded, which someone on the path could already cause by
 * dropping its packets. Failing to connect is never a suspicion (a firewall would make it a
 * permanent one): only losing a connection that was open.
 *
 * <p>Threading: one thread per link ({@code vigil-liveness-<link>}) owns every socket, driven by
 * a selector; JGroups threads only post view changes and answered checks to it. Suspicions are handed to the
 * transport's timer so a blocking send of the verification cannot stall the selector.
 * Not restartable: the channel it belongs to connects once.
 */
final class LivenessProtocol extends Protocol {

    /** Key of the member's liveness port (decimal, UTF-8) in its {@link ExtendedUUID} address. */
    static final String PORT_KEY = "vigil.live";

    private static final Logger LOG = LoggerFactory.getLogger(LivenessProtocol.class);
    private static final int MAX_ACCEPTED = 256;
    private static final long ADDRESS_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int FAILURES_BEFORE_WARNING = 3;
    private static final Object ACCEPTED = new Object();
    private static final byte GOODBYE = 'G';

    private final String linkName;
    private final java.util.function.Consumer<String> dropped;
    private final long retryMinNanos;
    private final long retryMaxNanos;
    private final Function<Address, String> names;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final RateLimitedWarning refusedWarning = new RateLimitedWarning(LOG, 60, TimeUnit.SECONDS);
    /** Loop thread only, after start. */
    private final Map<Address, Peer> peers = new HashMap<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64);
    private final AtomicLong suspicions = new AtomicLong();
    private InetAddress bindAddress;
    private Selector selector;
    private ServerSocketChannel server;
    private Thread loop;
    private int accepted;
    private volatile int watched;
    private volatile boolean running;
    private volatile boolean leaving;
    /** The latest view's members, ahead of the loop's own copy: a member that left is not suspected. */
    private volatile Set<Address> viewMembers = Set.of();
    private boolean closed;

    /**
     * @param linkName the link's name, for log lines
     * @param keepalive first delay before opening a lost or failed connection again
     * @param deadtime longest delay between attempts, and how long a connection may take to open
     * @param names the node name of a member's address, for log lines
     */
    LivenessProtocol(String linkName, Duration keepalive, Duration deadtime, Function<Address, String> names) {
        this(linkName, keepalive, deadtime, names, node -> { });
    }

    /** @param dropped told the name of each member whose connection closed without a goodbye */
    LivenessProtocol(String linkName, Duration keepalive, Duration deadtime, Function<Address, String> names,
            java.util.function.Consumer<String> dropped) {
        this.dropped = dropped;
        this.linkName = linkName;
        this.retryMinNanos = keepalive.toNanos();
        this.retryMaxNanos = Math.max(deadtime.toNanos(), retryMinNanos);
        this.names = names;
    }

    /** The port this member listens on; known once the stack is initialized (channel constructed). */
    int port() {
        return server.socket().getLocalPort();
    }

    /** Member {@code address}'s advertised liveness port, if it advertises one. */
    static OptionalInt advertisedPort(Address address) {
        if (address instanceof ExtendedUUID extended) {
            byte[] value = extended.get(PORT_KEY);
            if (value != null) {
                try {
                    int port = Integer.parseInt(new String(value, StandardCharsets.UTF_8));
                    if (port > 0 && port <= 65535) {
                        return OptionalInt.of(port);
                    }
                } catch (NumberFormatException e) {
                    // not a port: treated as absent
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The value of {@link #PORT_KEY} for this member's address. */
    byte[] portValue() {
        return Integer.toString(port()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void init() throws Exception {
        super.init();
        bindAddress = getTransport().getBindAddress();
        selector = Selector.open();
        try {
            server = ServerSocketChannel.open();
            server.configureBlocking(false);
            server.bind(new InetSocketAddress(bindAddress, 0), 64);
        } catch (IOException e) {
            closeSockets();
            throw new IOException("link '" + linkName + "': cannot listen for liveness connections on " + bindAddress
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start() throws Exception {
        super.start();
        server.register(selector, SelectionKey.OP_ACCEPT);
        running = true;
        loop = new Thread(this::run, "vigil-liveness-" + linkName);
        loop.setDaemon(true);
        loop.start();
    }

    /** Called after GMS has left the group: tells every watcher that what follows is a leave, not a crash. */
    @Override
    public void stop() {
        leaving = true;
        running = false;
        Thread thread = loop;
        if (thread != null) {
            selector.wakeup();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.stop();
    }

    @Override
    public void destroy() {
        running = false;
        if (loop == null || !loop.isAlive()) {
            closeSockets();
        }
        super.destroy();
    }

    @Override
    public Object down(Event evt) {
        if (evt.getType() == Event.VIEW_CHANGE && running) {
            View view = evt.getArg();
            List<Address> members = List.copyOf(view.getMembers());
            viewMembers = Set.copyOf(members);
            tasks.add(() -> viewChanged(members));
            selector.wakeup();
        } else if (evt.getType() == Event.UNSUSPECT && running) {
            Address alive = evt.getArg();
            LOG.info("link '{}': node '{}' answered the check of a suspicion; it stays a member", linkName,
                    names.apply(alive));
            tasks.add(() -> watchAgainNow(alive));
            selector.wakeup();
        }
        return down_prot.down(evt);
    }

    private void run() {
        try {
            while (running) {
                long waitMillis = openDueConnections(System.nanoTime());
                selector.select(waitMillis);
                if (!running) {
                    break;
                }
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    handle(key);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.warn("link '{}': liveness checks stopped ({}); a crashed node is now noticed after deadtime only",
                        linkName, e.toString());
            }
        } finally {
            if (leaving) {
                sayGoodbye();
            }
            closeSockets();
        }
    }

    private void viewChanged(List<Address> members) {
        Set<Address> others = new HashSet<>(members);
        others.remove(local_addr);
        peers.values().removeIf(peer -> {
            if (others.contains(peer.address)) {
                return false;
            }
            peer.close();
            return true;
        });
        for (Address member : others) {
            peers.computeIfAbsent(member, Peer::new);
        }
    }

    /**
     * Opens the connections that are due and gives up on those that took too long to open; returns
     * how long the selector may wait for anything else (0: until woken).
     */
    private long openDueConnections(long now) {
        long next = Long.MAX_VALUE;
        for (Peer peer : peers.values()) {
            if (peer.unmonitored) {
                continue;
            }
            if (peer.channel == null && now - peer.nextAttempt >= 0) {
                open(peer, now);
            } else if (peer.channel != null && !peer.connected && now - peer.connectDeadline >= 0) {
                peer.close();
                failed(peer, now, "not connected within " + TimeUnit.NANOSECONDS.toMillis(retryMaxNanos) + " ms");
            }
            if (peer.channel == null && !peer.unmonitored) {
                next = Math.min(next, peer.nextAttempt - now);
            } else if (peer.channel != null && !peer.connected) {
                next = Math.min(next, peer.connectDeadline - now);
            }
        }
        return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void watchAgainNow(Address member) {
        Peer peer = peers.get(member);
        if (peer != null && peer.channel == null) {
            peer.nextAttempt = System.nanoTime();
        }
    }

    private void open(Peer peer, long now) {
        OptionalInt port = advertisedPort(peer.address);
        if (port.isEmpty()) {
            peer.unmonitored = true;
            LOG.debug("link '{}': node '{}' advertises no liveness port; its crash is noticed after deadtime",
                    linkName, names.apply(peer.address));
            return;
        }
        Object physical = down_prot.down(new Event(Event.GET_PHYSICAL_ADDRESS, peer.address));
        if (!(physical instanceof IpAddress ip)) {
            peer.nextAttempt = now + ADDRESS_RETRY_NANOS;
            return;
        }
        InetSocketAddress target = new InetSocketAddress(ip.getIpAddress(), port.getAsInt());
        peer.target = target;
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (!bindAddress.isAnyLocalAddress()) {
                channel.bind(new InetSocketAddress(bindAddress, 0));
            }
            peer.channel = channel;
            peer.connectDeadline = now + retryMaxNanos;
            if (channel.connect(target)) {
                channel.register(selector, SelectionKey.OP_READ, peer);
                connected(peer);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, peer);
            }
        } catch (IOException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            peer.close();
            failed(peer, now, e.toString());
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
        } else if (key.attachment() instanceof Peer peer) {
            if (key.isConnectable()) {
                finishConnect(peer, key);
            } else if (key.isReadable()) {
                read(peer);
            }
        } else if (key.isReadable()) {
            readAccepted(key);
        }
    }

    private void finishConnect(Peer peer, SelectionKey key) {
        try {
            if (peer.channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                connected(peer);
            }
        } catch (IOException e) {
            peer.close();
            failed(peer, System.nanoTime(), e.toString());
        }
    }

    private void connected(Peer peer) {
        peer.connected = true;
        watched++;
        peer.everConnected = true;
        peer.failures = 0;
        LOG.debug("link '{}': watching node '{}' through {}", linkName, names.apply(peer.address), peer.target);
    }

    private void failed(Peer peer, long now, String why) {
        peer.failures++;
        long delay = retryMinNanos << Math.min(peer.failures - 1, 10);
        peer.nextAttempt = now + Math.min(delay, retryMaxNanos);
        if (!peer.everConnected && peer.failures == FAILURES_BEFORE_WARNING) {
            refusedWarning.warn(() -> "link '" + linkName + "': cannot open a liveness connection to node '"
                    + names.apply(peer.address) + "' at " + peer.target + " (" + why + "); a crash of its process "
                    + "is noticed after deadtime only. Let TCP through to that node's ephemeral ports on this link.");
        } else {
            LOG.debug("link '{}': liveness connection to node '{}' at {} failed: {}", linkName,
                    names.apply(peer.address), peer.target, why);
        }
    }

    private void read(Peer peer) {
        int n;
        try {
            scratch.clear();
            n = peer.channel.read(scratch);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            lost(peer);
        } else if (n > 0 && scratch.get(0) == GOODBYE) {
            // it is leaving; if it is not (forged), the connection is open again one keepalive later
            peer.close();
            peer.nextAttempt = System.nanoTime() + retryMinNanos;
            LOG.debug("link '{}': node '{}' said goodbye on its liveness connection", linkName,
                    names.apply(peer.address));
        } // anything else is ignored
    }

    /** The watched member's end closed or reset the connection: suspect it unless it has just left. */
    private void lost(Peer peer) {
        peer.close();
        peer.nextAttempt = System.nanoTime() + retryMinNanos;
        if (!viewMembers.contains(peer.address)) {
            LOG.debug("link '{}': node '{}' closed its liveness connection as it left", linkName,
                    names.apply(peer.address));
            return;
        }
        LOG.info("link '{}': node '{}' dropped its liveness connection (its process ended?); suspecting it",
                linkName, names.apply(peer.address));
        suspicions.incrementAndGet();
        String name = names.apply(peer.address);
        if (name != null) {
            dropped.accept(name);
        }
        List<Address> suspects = new ArrayList<>(List.of(peer.address)); // VERIFY_SUSPECT modifies it
        getTransport().getTimer().execute(() -> {
            if (running) {
                up_prot.up(new Event(Event.SUSPECT, suspects));
            }
        });
    }

    /**
     * Fault injection: ends every open watching connection as if each watched process had died or
     * someone had forged a reset, so every watched member is suspected once (and, being alive,
     * stays).
     */
    void dropConnections() {
        tasks.add(() -> List.copyOf(peers.values()).stream().filter(peer -> peer.connected).forEach(this::lost));
        selector.wakeup();
    }

    /** How many members this member watches through an open connection right now. */
    int watchedCount() {
        return watched;
    }

    /** How many suspicions lost connections have raised so far. */
    long suspicionCount() {
        return suspicions.get();
    }

    private void accept() {
        try {
            for (SocketChannel channel = server.accept(); channel != null; channel = server.accept()) {
                if (accepted >= MAX_ACCEPTED) {
                    closeQuietly(channel);
                    continue;
                }
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, ACCEPTED);
                accepted++;
            }
        } catch (IOException e) {
            LOG.debug("link '{}': accepting a liveness connection failed: {}", linkName, e.toString());
        }
    }

    /** A watcher closed its connection, or sent something, which no genuine watcher does: close it. */
    private void readAccepted(SelectionKey key) {
        int n;
        try {
            scratch.clear();
            n = ((SocketChannel) key.channel()).read(scratch);
        } catch (IOException e) {
            n = -1;
        }
        if (n != 0) {
            key.cancel();
            closeQuietly(key.channel());
            accepted--;
        }
    }

    /** One byte to every watcher, before the connections close. */
    private void sayGoodbye() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() == ACCEPTED && key.isValid()) {
                try {
                    ((SocketChannel) key.channel()).write(ByteBuffer.wrap(new byte[] {GOODBYE}));
                } catch (IOException e) {
                    // that watcher is gone already
                }
            }
        }
    }

    private synchronized void closeSockets() {
        if (closed) {
            return;
        }
        closed = true;
        for (Peer peer : peers.values()) {
            peer.close();
        }
        peers.clear();
        if (selector != null) {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            closeQuietly(selector);
        }
        if (server != null) {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do with it
        }
    }

    /** What this member knows about watching one other member. Loop thread only. */
    private final class Peer {
        final Address address;
        InetSocketAddress target;
        SocketChannel channel;
        boolean connected;
        boolean everConnected;
        boolean unmonitored;
        int failures;
        long nextAttempt = System.nanoTime();
        long connectDeadline;

        Peer(Address address) {
            this.address = address;
        }

        void close() {
            if (channel != null) {
                closeQuietly(channel);
            }
            if (connected) {
                watched--;
            }
            channel = null;
            connected = false;
        }
    }
}
