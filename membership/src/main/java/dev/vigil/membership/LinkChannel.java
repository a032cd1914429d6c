package dev.vigil.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One link: a JGroups channel named {@code vigil-<cluster>-<link>} whose members are identified
 * by node name. The node name travels inside each member's address, so it is known for every
 * member of a view without relying on JGroups' name cache. JGroups calls {@link Receiver}
 * methods on its own threads; this class forwards them to {@link Events}. Thread-safe.
 */
final class LinkChannel implements Receiver {

    /** Receives what happens on a link; called on JGroups threads. */
    interface Events {
        void linkViewChanged(int link, SortedSet<String> reachable);

        void frameReceived(int link, byte[] bytes, int offset, int length);

        /** A member closed its liveness connection without a goodbye: its process probably ended. */
        default void connectionDropped(String node) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LinkChannel.class);
    private static final String NODE_KEY = "vigil.node";

    private final int index;
    private final LinkSpec spec;
    private final String channelName;
    private final Events events;
    private final SealProtocol seal;
    private final DISCARD discard = new DISCARD();
    private final LivenessProtocol liveness;
    private final JChannel channel;
    private volatile Map<String, Address> members = Map.of();
    private volatile boolean closed;

    LinkChannel(int index, LinkSpec spec, MembershipConfig config, ClusterKeys keys, Events events)
            throws IOException {
        this.index = index;
        this.spec = spec;
        this.events = events;
        this.channelName = "vigil-" + config.clusterName() + "-" + spec.name();
        this.seal = new SealProtocol(keys.sealKey(), channelName, spec.name());
        this.liveness = new LivenessProtocol(spec.name(), config.keepalive(), config.deadtime(),
                LinkChannel::nodeName, events::connectionDropped);
        String node = config.nodeName();
        try {
            channel = new JChannel(ProtocolStacks.build(spec, config.keepalive(), config.deadtime(), seal, liveness,
                    discard));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("link '" + spec.name() + "': cannot build its JGroups stack: " + e.getMessage(), e);
        }
        // the address is generated at connect, after the stack's init() bound the liveness port
        channel.name(node)
                .addAddressGenerator(() -> ExtendedUUID.randomUUID(node)
                        .put(NODE_KEY, node.getBytes(StandardCharsets.UTF_8))
                        .put(LivenessProtocol.PORT_KEY, liveness.portValue()))
                .setDiscardOwnMessages(true)
                .setReceiver(this);
    }

    String name() {
        return spec.name();
    }

    /** Binds the link's sockets and joins (or founds) its group. */
    void connect() throws IOException {
        try {
            channel.connect(channelName);
        } catch (Exception e) {
            channel.close();
            throw new IOException("link '" + spec.name() + "': cannot connect " + spec.transport() + " on "
                    + spec.bindAddress() + ":" + spec.bindPort() + ": " + rootMessage(e), e);
        }
        LOG.info("link '{}' connected: {} on {}:{}, {}", spec.name(), spec.transport(), spec.bindAddress(),
                spec.bindPort(), spec.usesMulticast() ? "multicast group " + spec.multicastGroup()
                        : "static peers " + spec.peers());
    }

    /** Sends to every member of this link's view; false if it could not be handed to JGroups. */
    boolean broadcast(byte[] frame) {
        return send(null, frame);
    }

    /** Sends to {@code node} if it is a member on this link; false if not. */
    boolean sendTo(String node, byte[] frame) {
        Address address = members.get(node);
        return address != null && send(address, frame);
    }

    /** Fault injection: drops all traffic to and from other nodes on this link while blocked. */
    void setBlocked(boolean blocked) {
        discard.discardAll(blocked);
        LOG.info("link '{}' {} by fault injection", spec.name(), blocked ? "blocked" : "unblocked");
    }

    /** This link's crash detector. */
    LivenessProtocol liveness() {
        return liveness;
    }

    long rejectedPackets() {
        return seal.rejectedCount();
    }

    void close() {
        closed = true;
        channel.close();
    }

    @Override
    public void viewAccepted(View view) {
        if (closed) {
            return;
        }
        Map<String, Address> byName = new TreeMap<>();
        for (Address member : view.getMembers()) {
            Address previous = byName.put(nodeName(member), member);
            if (previous != null) {
                LOG.warn("link '{}': two members call themselves '{}' ({} and {}); node names must be unique",
                        spec.name(), nodeName(member), previous, member);
            }
        }
        members = Map.copyOf(byName);
        LOG.debug("link '{}': JGroups view {}", spec.name(), view);
        events.linkViewChanged(index, new TreeSet<>(byName.keySet()));
    }

    @Override
    public void receive(Message msg) {
        if (!closed && msg.hasArray()) {
            events.frameReceived(index, msg.getArray(), msg.getOffset(), msg.getLength());
        }
    }

    private boolean send(Address destination, byte[] frame) {
        if (closed) {
            return false;
        }
        try {
            channel.send(new BytesMessage(destination, frame));
            return true;
        } catch (Exception e) {
            LOG.debug("link '{}': cannot send to {}: {}", spec.name(), destination == null ? "all" : destination,
                    e.toString());
            return false;
        }
    }

    private static String nodeName(Address address) {
        if (address instanceof ExtendedUUID extended) {
            byte[] name = extended.get(NODE_KEY);
            if (name != null) {
                return new String(name, StandardCharsets.UTF_8);
            }
        }
        String cached = NameCache.get(address);
        return cached != null ? cached : address.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getClass().getSimpleName() + ": " + root.getMessage() : root.toString();
    }
}
