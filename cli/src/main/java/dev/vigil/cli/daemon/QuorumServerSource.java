package dev.vigil.cli.daemon;

import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.HaConfig;
import dev.vigil.cli.config.QuorumConfig;
import dev.vigil.core.port.QuorumSource;
import dev.vigil.core.port.QuorumVote;
import dev.vigil.quorumd.client.QuorumClient;
import dev.vigil.quorumd.client.VoteStatus;
import dev.vigil.quorumd.tls.TlsConfigException;
import dev.vigil.quorumd.tls.TlsFiles;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QuorumSource} port over {@code vigil-quorumd}'s {@link QuorumClient}: the node reports
 * its partition to the quorum server named by {@code ha.cf}'s {@code quorum_server}, over TLS with
 * its certificate, and the vote counts while the client holds an unexpired lease for the partition
 * last reported. Thread-safe.
 */
final class QuorumServerSource implements QuorumSource {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumServerSource.class);

    private final QuorumClient client;
    private final String name;
    private volatile Runnable changed = () -> { };
    private volatile Set<String> reported;

    private QuorumServerSource(QuorumClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /**
     * The client for {@code cfg}'s quorum server: node id = this node's position on the {@code node}
     * lines (1 for the first; the server breaks ties in favour of the lowest).
     *
     * @throws ConfigException a keystore, truststore or password file cannot be used
     */
    static QuorumServerSource create(HaConfig cfg) throws ConfigException {
        QuorumConfig q = cfg.quorum();
        String name = "quorum server " + q.serverHost() + ":" + q.serverPort();
        QuorumServerSource[] self = new QuorumServerSource[1];
        QuorumClient client = QuorumClient.builder()
                .server(q.serverHost(), q.serverPort())
                .cluster(cfg.clusterName())
                .node(cfg.nodeName())
                .nodeId(nodeId(cfg))
                .sslContext(sslContext(cfg))
                .heartbeat(Duration.ofSeconds(1))
                // back within a restarted server's first lease, when it grants nothing: the previous
                // holder then keeps the vote rather than losing it to whoever reconnected first
                .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .listener((granted, reason) -> self[0].changed.run())
                .build();
        self[0] = new QuorumServerSource(client, name);
        return self[0];
    }

    /**
     * Loads the key and trust stores named in {@code cfg} (for {@code vigil daemon --check} and the start).
     *
     * @throws ConfigException naming the file and what to do
     */
    static SSLContext sslContext(HaConfig cfg) throws ConfigException {
        QuorumConfig q = cfg.quorum();
        try {
            return TlsFiles.context(q.keystore(), q.keystorePasswordFile(), q.truststore(),
                    q.truststorePasswordFile());
        } catch (TlsConfigException e) {
            throw new ConfigException(List.of(cfg.source() + ": quorum server TLS files: " + e.getMessage()));
        }
    }

    /** This node's 1-based position on the {@code node} lines (names compared ignoring case). */
    static int nodeId(HaConfig cfg) {
        String me = cfg.nodeName().toLowerCase(Locale.ROOT);
        for (int i = 0; i < cfg.nodes().size(); i++) {
            if (cfg.nodes().get(i).toLowerCase(Locale.ROOT).equals(me)) {
                return i + 1;
            }
        }
        return cfg.nodes().size() + 1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(Runnable onChange) {
        this.changed = onChange;
        client.start();
    }

    @Override
    public void report(Set<String> partition) {
        Set<String> p = Collections.unmodifiableSet(new TreeSet<>(partition));
        reported = p;
        try {
            client.report(p);
        } catch (IllegalArgumentException e) {
            LOG.error("cannot report partition {} to the {}: {}", p, name, e.getMessage());
        }
        changed.run();
    }

    @Override
    public QuorumVote vote() {
        VoteStatus s = client.status();
        Set<String> mine = reported;
        // Until the client has taken the newest report in, its grant is for the old partition.
        boolean current = mine != null && new TreeSet<>(s.partition()).equals(mine);
        boolean granted = current && client.hasVote();
        boolean refused = current && !granted && !s.holder().isEmpty() && Collections.disjoint(s.holder(), mine);
        return new QuorumVote(granted, refused, s.connected(), s.holder(), s.reason());
    }

    @Override
    public void close() {
        client.close();
    }
}
