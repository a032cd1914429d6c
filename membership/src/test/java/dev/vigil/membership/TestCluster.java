package dev.vigil.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Real JGroupsMembership nodes on 127.0.0.1 with free ports: link0 over UDP, link1 over TCP, each
 * with every node as a static peer. Fast timings: keepalive 200 ms, deadtime 2 s.
 */
final class TestCluster implements AutoCloseable {

    static final Duration KEEPALIVE = Duration.ofMillis(200);
    static final Duration DEADTIME = Duration.ofSeconds(2);
    static final String CLUSTER = "test";
    static final String HOST = "127.0.0.1";

    final Map<String, JGroupsMembership> nodes = new LinkedHashMap<>();
    final Map<String, RecordingListener> listeners = new LinkedHashMap<>();
    final Map<String, MembershipConfig> configs = new LinkedHashMap<>();

    /** Configures nodes {@code names} (not started) sharing {@code key}. */
    static TestCluster configure(byte[] key, String... names) {
        return configure(key, List.of(), names);
    }

    /** As {@link #configure(byte[], String...)}, with further static peers on link0 (UDP). */
    static TestCluster configure(byte[] key, List<InetSocketAddress> extraUdpPeers, String... names) {
        TestCluster cluster = new TestCluster();
        List<int[]> ports = new ArrayList<>();
        for (String ignored : names) {
            ports.add(new int[] {freeUdpPort(), freeTcpPort()});
        }
        List<InetSocketAddress> udpPeers = new ArrayList<>(extraUdpPeers);
        ports.forEach(p -> udpPeers.add(new InetSocketAddress(HOST, p[0])));
        List<InetSocketAddress> tcpPeers = ports.stream().map(p -> new InetSocketAddress(HOST, p[1])).toList();
        for (int i = 0; i < names.length; i++) {
            cluster.configs.put(names[i], config(names[i], key,
                    LinkSpec.ofPeers("link0", LinkSpec.Transport.UDP, HOST, ports.get(i)[0], udpPeers),
                    LinkSpec.ofPeers("link1", LinkSpec.Transport.TCP, HOST, ports.get(i)[1], tcpPeers)));
        }
        return cluster;
    }

    /** Replaces node {@code name}'s cluster key (before it is started). */
    TestCluster withKey(String name, byte[] key) {
        MembershipConfig c = configs.get(name);
        configs.put(name, new MembershipConfig(c.nodeName(), c.clusterName(), c.links(), c.keepalive(),
                c.deadtime(), key));
        return this;
    }

    /** Replaces every node's keepalive and deadtime (before they are started). */
    TestCluster withTimings(Duration keepalive, Duration deadtime) {
        configs.replaceAll((name, c) -> new MembershipConfig(c.nodeName(), c.clusterName(), c.links(), keepalive,
                deadtime, c.clusterKey()));
        return this;
    }

    static MembershipConfig config(String name, byte[] key, LinkSpec... links) {
        return new MembershipConfig(name, CLUSTER, List.of(links), KEEPALIVE, DEADTIME, key);
    }

    static byte[] key(int seed) {
        byte[] key = new byte[MembershipConfig.KEY_LENGTH];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    /** Starts every configured node concurrently (as a cluster booting together does). */
    TestCluster startAll() {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (String name : configs.keySet()) {
            starting.add(CompletableFuture.runAsync(() -> start(name)));
        }
        starting.forEach(CompletableFuture::join);
        return this;
    }

    JGroupsMembership start(String name) {
        JGroupsMembership node = new JGroupsMembership(configs.get(name));
        RecordingListener listener = new RecordingListener();
        synchronized (this) {
            nodes.put(name, node);
            listeners.put(name, listener);
        }
        try {
            node.start(listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    synchronized JGroupsMembership node(String name) {
        return nodes.get(name);
    }

    synchronized RecordingListener listener(String name) {
        return listeners.get(name);
    }

    @Override
    public void close() {
        List<JGroupsMembership> all;
        synchronized (this) {
            all = List.copyOf(nodes.values());
        }
        all.forEach(JGroupsMembership::close);
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
