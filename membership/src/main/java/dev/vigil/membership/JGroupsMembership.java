package dev.vigil.membership;

import dev.vigil.core.port.Membership;
import dev.vigil.core.port.MembershipListener;
import dev.vigil.core.port.MembershipView;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Membership} over one JGroups channel per configured link. A node is a member while it is
 * in the view of at least one link; JGroups' failure detection drops a silent node from a link
 * after about {@code deadtime}, so a node is lost once it has been silent that long on every link.
 * A node whose process dies while its host stays up is lost at once (within about 250 ms, see
 * {@code LivenessProtocol}), whatever {@code deadtime} is.
 * Every message is sent on every link that reaches its destination and delivered once (see
 * {@link DuplicateFilter}), in the sender's order unless a link was down when it was sent.
 * Traffic is sealed with a key derived from the cluster key (see {@link SealProtocol}) and each
 * message carries its own HMAC (see {@link Frame}); anything that fails either check is dropped.
 *
 * <p>Threading: all methods are thread-safe. Listener callbacks run on JGroups' threads, one at a
 * time (never concurrently, views and messages alike), so the listener must only hand the event
 * to its own loop; a listener that blocks stalls delivery on every link. A listener exception is
 * logged and the event is dropped for that listener.
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} any number of times; not restartable.
 */
public final class JGroupsMembership implements Membership {

    private static final Logger LOG = LoggerFactory.getLogger(JGroupsMembership.class);

    private final MembershipConfig config;
    private final ClusterKeys keys;
    private final long incarnation = new SecureRandom().nextLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong rejectedFrames = new AtomicLong();
    private final AtomicLong duplicateFrames = new AtomicLong();
    private final RateLimitedWarning rejectWarning = new RateLimitedWarning(LOG, 60, TimeUnit.SECONDS);
    private final DuplicateFilter duplicates = new DuplicateFilter();
    private final MemberTracker tracker;
    private final Object callbackLock = new Object();
    private final List<LinkChannel> links = new ArrayList<>();
    private volatile MembershipListener listener;
    private volatile State state = State.NEW;

    private enum State { NEW, STARTING, RUNNING, CLOSED }

    public JGroupsMembership(MembershipConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = ClusterKeys.derive(config.clusterKey());
        this.tracker = new MemberTracker(config.nodeName(), config.links().stream().map(LinkSpec::name).toList());
    }

    @Override
    public String localNode() {
        return config.nodeName();
    }

    /**
     * Connects every link, one after the other (each may wait up to the join timeout to find its
     * group). A link that cannot be built or bound is a configuration mistake: the links already
     * connected are closed again and an {@link IOException} names the link and its address.
     */
    @Override
    public void start(MembershipListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("membership of node '" + localNode() + "' was already started");
            }
            state = State.STARTING;
            this.listener = listener;
        }
        LinkChannel.Events events = new LinkChannel.Events() {
            @Override
            public void linkViewChanged(int link, SortedSet<String> reachable) {
                onLinkView(link, reachable);
            }

            @Override
            public void frameReceived(int link, byte[] bytes, int offset, int length) {
                onFrame(link, bytes, offset, length);
            }

            @Override
            public void connectionDropped(String node) {
                tracker.connectionDropped(node, System.nanoTime());
            }
        };
        try {
            for (int i = 0; i < config.links().size(); i++) {
                LinkChannel link = new LinkChannel(i, config.links().get(i), config, keys, events);
                synchronized (this) {
                    if (state == State.CLOSED) {
                        link.close();
                        throw new IOException("membership of node '" + localNode() + "' was closed while starting");
                    }
                    links.add(link);
                }
                link.connect();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        synchronized (this) {
            if (state == State.STARTING) {
                state = State.RUNNING;
            }
        }
    }

    @Override
    public MembershipView view() {
        return tracker.current();
    }

    /**
     * Sends {@code payload} to every other member, on every link that is up.
     *
     * @throws IllegalStateException if not started; after {@link #close} the message is dropped
     */
    @Override
    public void broadcast(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        byte[] frame = frame("", payload);
        if (frame == null) {
            return;
        }
        for (LinkChannel link : linksSnapshot()) {
            if (isUp(link)) {
                link.broadcast(frame);
            }
        }
    }

    /**
     * Sends {@code payload} to {@code node} on every link that reaches it; dropped (DEBUG) if no
     * link does.
     *
     * @throws IllegalArgumentException if {@code node} is this node: a node never receives its own messages
     * @throws IllegalStateException if not started; after {@link #close} the message is dropped
     */
    @Override
    public void send(String node, byte[] payload) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(payload, "payload");
        if (node.equals(localNode())) {
            throw new IllegalArgumentException("node '" + node + "' cannot send a message to itself");
        }
        byte[] frame = frame(node, payload);
        if (frame == null) {
            return;
        }
        boolean sent = false;
        for (LinkChannel link : linksSnapshot()) {
            sent |= link.sendTo(node, frame);
        }
        if (!sent) {
            LOG.debug("message to '{}' dropped: not reachable on any link", node);
        }
    }

    /**
     * Fault injection for tests and {@code vigil}'s own test commands: while blocked, this node
     * drops everything it would send to or receive from other nodes on {@code link}, as if its
     * cable were pulled. Other nodes drop it from that link after about {@code deadtime}; it stays a
     * member while another link reaches it. Unblocking lets the link merge again.
     *
     * @throws IllegalArgumentException if no link has that name
     * @throws IllegalStateException if not started
     */
    public void setLinkBlocked(String link, boolean blocked) {
        link(link).setBlocked(blocked);
    }

    /** The running link named {@code name}. */
    LinkChannel link(String name) {
        config.link(name); // names the configured links if it is unknown
        return linksSnapshot().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("membership of node '" + localNode() + "' is not running"));
    }

    /** Leaves the cluster and closes every link (graceful leave: others see this node go at once). */
    @Override
    public void close() {
        List<LinkChannel> toClose;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            toClose = List.copyOf(links);
            links.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("closing link '{}' failed: {}", toClose.get(i).name(), e.toString());
            }
        }
        tracker.disconnectAll();
        LOG.info("node '{}' left the cluster; all links closed", localNode());
    }

    /** Packets and messages dropped because they failed authentication (seal or message MAC). */
    long authenticationFailures() {
        return rejectedFrames.get() + linksSnapshot().stream().mapToLong(LinkChannel::rejectedPackets).sum();
    }

    /** Copies of already delivered messages that arrived again (normally over a second link). */
    long duplicatesDropped() {
        return duplicateFrames.get();
    }

    private synchronized List<LinkChannel> linksSnapshot() {
        return List.copyOf(links);
    }

    private boolean isUp(LinkChannel link) {
        return view().links().stream().anyMatch(s -> s.link().equals(link.name()) && s.up());
    }

    private byte[] frame(String target, byte[] payload) {
        State current = state;
        if (current == State.NEW) {
            throw new IllegalStateException("membership of node '" + localNode() + "' is not started");
        }
        if (current == State.CLOSED) {
            LOG.debug("message dropped: membership is closed");
            return null;
        }
        return new Frame(localNode(), incarnation, sequence.incrementAndGet(), target, payload)
                .encode(keys.macKey(), config.clusterName());
    }

    private void onLinkView(int link, SortedSet<String> reachable) {
        synchronized (callbackLock) {
            if (state == State.CLOSED) {
                return;
            }
            List<String> before = tracker.current().members();
            Optional<MembershipView> changed = tracker.update(link, true, reachable);
            if (changed.isEmpty()) {
                return;
            }
            duplicates.forget(before.stream().filter(node -> !changed.get().contains(node)).toList());
            try {
                listener.viewChanged(changed.get());
            } catch (RuntimeException e) {
                LOG.warn("membership listener failed on view {}", changed.get().sequence(), e);
            }
        }
    }

    private void onFrame(int link, byte[] bytes, int offset, int length) {
        Optional<Frame> decoded = Frame.decode(bytes, offset, length, keys.macKey(), config.clusterName());
        if (decoded.isEmpty()) {
            long count = rejectedFrames.incrementAndGet();
            rejectWarning.warn(() -> "link '" + config.links().get(link).name() + "': dropped a message whose MAC "
                    + "does not verify (" + count + " so far)");
            return;
        }
        Frame frame = decoded.get();
        if (frame.sender().equals(localNode()) || !(frame.isBroadcast() || frame.target().equals(localNode()))) {
            return;
        }
        synchronized (callbackLock) {
            if (state == State.CLOSED) {
                return;
            }
            if (!duplicates.firstSighting(frame.sender(), frame.incarnation(), frame.sequence())) {
                duplicateFrames.incrementAndGet();
                return;
            }
            try {
                listener.messageReceived(frame.sender(), frame.payload());
            } catch (RuntimeException e) {
                LOG.warn("membership listener failed on a message from '{}'", frame.sender(), e);
            }
        }
    }
}
