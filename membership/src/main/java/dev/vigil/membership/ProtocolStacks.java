package dev.vigil.membership;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.protocols.BasicTCP;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * Builds one link's JGroups protocol stack in code (no XML on disk), bottom to top:
 * <pre>
 * UDP (ip_mcast only with a multicast group) | TCP
 * DISCARD          fault injection, off unless a test cuts the link
 * SealProtocol     AES-256-GCM over every whole message with the cluster key
 * TCPPING | PING   discovery from static peers | by IP multicast
 * MERGE3           merge rounds every m/2..m, m = deadtime clamped to 1..10 s: partitions heal in seconds
 * FD_ALL3          heartbeat every keepalive, suspect after deadtime minus the verify window of silence
 * LivenessProtocol a TCP connection to every member: suspect it as soon as its process dies
 * VERIFY_SUSPECT   re-checks a suspect over the sealed channel for min(deadtime/4, 250 ms) before it is excluded
 * NAKACK2, UNICAST3, STABLE   reliable, ordered multicast and unicast
 * GMS              views; short join timeout since nodes often start together
 * UFC, MFC, FRAG4  flow control, fragmentation
 * </pre>
 *
 * <p>Failure detection therefore has two speeds, on every link alike. A host that goes silent
 * (power, cable, hang) is excluded after {@code deadtime}: FD_ALL3's silence plus the verify
 * window. A process that dies on a host that stays up (crash, {@code kill -9}) has its sockets
 * closed by its kernel, so its peers suspect it within a round trip and exclude it one verify
 * window ({@value #MAX_VERIFY_MILLIS} ms at most) later, whatever {@code deadtime} is. Every
 * suspicion, whichever detector raised it, goes through VERIFY_SUSPECT: a member that still
 * answers over the sealed channel is never excluded, so nothing unsealed can exclude a live node.
 *
 * <p>Why {@link LivenessProtocol} rather than JGroups' FD_SOCK2 (5.3): FD_SOCK2 parses unsealed
 * JGroups messages (CONNECT, CONNECT_RSP with the cluster name and server address) from anyone who
 * connects, listens on a port derived from the transport's (bind port + 100..103, which can meet
 * another link's or node's port), and watches only its ring neighbour, relying on unreliable
 * SUSPECT broadcasts. Its closures, too, would only raise suspicions that VERIFY_SUSPECT refutes
 * for a live node, but LivenessProtocol needs no parsing at all, binds an ephemeral port that it
 * advertises inside the sealed member address, and every member watches every other directly.
 *
 * <p>Thread pools are kept small. Stateless.
 */
final class ProtocolStacks {

    /** Longest verification of a suspect: a live node answers in a round trip; this bounds crash detection. */
    static final long MAX_VERIFY_MILLIS = 250;
    /** ARE_YOU_DEAD (and each answer) is sent this often, unreliably: one lost datagram must not exclude a node. */
    private static final int VERIFY_MESSAGES = 2;
    private static final int MAX_POOL_THREADS = 8;
    private static final int FRAGMENT_SIZE = 50_000;
    private static final int BUFFER_BYTES = 2 * 1024 * 1024;

    private ProtocolStacks() {
    }

    /** The stack for {@code link}, bottom (transport) first. */
    static List<Protocol> build(LinkSpec link, Duration keepalive, Duration deadtime, SealProtocol seal,
                                LivenessProtocol liveness, DISCARD discard) throws IOException {
        long heartbeat = keepalive.toMillis();
        long dead = deadtime.toMillis();
        long verify = Math.max(Math.min(dead / 4, MAX_VERIFY_MILLIS), 1);
        long suspect = Math.max(dead - verify, heartbeat + 1);
        long mergeMax = Math.min(Math.max(dead, 1_000), 10_000);
        long join = Math.min(Math.max(dead / 2, 500), 3_000);

        List<Protocol> stack = new ArrayList<>();
        stack.add(transport(link));
        stack.add(discard.excludeItself(true));
        stack.add(seal);
        stack.add(discovery(link));
        MERGE3 merge = new MERGE3().setMaxInterval(mergeMax);
        stack.add(merge.setValue("min_interval", mergeMax / 2));
        stack.add(new FD_ALL3().setInterval(heartbeat).setTimeout(suspect));
        stack.add(liveness);
        stack.add(new VERIFY_SUSPECT().setTimeout(verify).setValue("num_msgs", VERIFY_MESSAGES));
        stack.add(new NAKACK2().setXmitInterval(500).useMcastXmit(link.usesMulticast()).logDiscardMessages(false));
        stack.add(new UNICAST3().setXmitInterval(500));
        stack.add(new STABLE().setDesiredAverageGossip(5_000).setMaxBytes(1_000_000));
        stack.add(new GMS().setJoinTimeout(join).setMaxJoinAttempts(5).setViewAckCollectionTimeout(join)
                .setMergeTimeout(2 * join).printLocalAddress(false).printPhysicalAddress(false));
        stack.add(new UFC().setMaxCredits(2_000_000).setMinThreshold(0.4));
        stack.add(new MFC().setMaxCredits(2_000_000).setMinThreshold(0.4));
        stack.add(new FRAG4().setFragSize(FRAGMENT_SIZE));
        return stack;
    }

    private static TP transport(LinkSpec link) throws IOException {
        TP transport;
        if (link.transport() == LinkSpec.Transport.TCP) {
            BasicTCP tcp = new TCP().setSockConnTimeout(1_000);
            transport = tcp;
        } else {
            UDP udp = new UDP().ipMcast(link.usesMulticast());
            // JGroups asks for 5-6.5 MB; 2 MB fits modestly raised net.core.{r,w}mem_max and is plenty here
            udp.setMcastRecvBufSize(BUFFER_BYTES);
            udp.setMcastSendBufSize(BUFFER_BYTES);
            udp.setValue("ucast_recv_buf_size", BUFFER_BYTES);
            if (link.usesMulticast()) {
                udp.setMcastGroupAddr(resolve(link, link.multicastAddress()));
                udp.setMulticastPort(link.multicastPort());
            }
            transport = udp;
        }
        transport.setBindAddress(resolve(link, link.bindAddress()));
        transport.setBindPort(link.bindPort());
        transport.setPortRange(0); // bind exactly the configured port: another port is a misconfiguration
        transport.getThreadPool().setMinThreads(0).setMaxThreads(MAX_POOL_THREADS);
        transport.setSuppressTimeDifferentClusterWarnings(60_000);
        transport.setSuppressTimeDifferentVersionWarnings(60_000);
        return transport;
    }

    private static Protocol discovery(LinkSpec link) {
        if (link.usesMulticast()) {
            return new PING();
        }
        List<InetSocketAddress> peers = new ArrayList<>(link.peers());
        return new TCPPING().setInitialHosts(peers).setPortRange(0);
    }

    private static InetAddress resolve(LinkSpec link, String host) throws IOException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("link '" + link.name() + "': cannot resolve address '" + host + "'", e);
        }
    }
}
