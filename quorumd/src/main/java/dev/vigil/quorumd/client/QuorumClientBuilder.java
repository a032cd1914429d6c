package dev.vigil.quorumd.client;

import dev.vigil.quorumd.tls.TlsFiles;
import dev.vigil.quorumd.vote.MonotonicClock;
import dev.vigil.quorumd.wire.Protocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Configures a {@link QuorumClient}. Required: {@link #server}, {@link #cluster}, {@link #node},
 * {@link #nodeId} and either {@link #sslContext} or both {@link #keyStore} and {@link #trustStore}.
 * Not thread-safe.
 */
public final class QuorumClientBuilder {
    private String host;
    private int port = Protocol.DEFAULT_PORT;
    private String cluster;
    private String node;
    private int nodeId = -1;
    private SSLContext sslContext;
    private Path keyStore;
    private char[] keyStorePassword;
    private Path trustStore;
    private char[] trustStorePassword;
    private Duration heartbeat = Duration.ofSeconds(1);
    private Duration timeout;
    private Duration leaseMargin;
    private Duration backoffMin = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofSeconds(5);
    private boolean verifyHostname = true;
    private Clock clock = MonotonicClock.system();
    private VoteListener listener;

QuorumClientBuilder() {
}

    /** The quorum server's host name (checked against its certificate) and port (default 5403). */
    public QuorumClientBuilder server(String host, int port) {
        this.host = host;
        this.port = port;
        return this;
    }

    public QuorumClientBuilder cluster(String name) {
        this.cluster = name;
        return this;
    }

    public QuorumClientBuilder node(String name) {
        this.node = name;
        return this;
    }

    /** This node's id, 0 or more, unique in the cluster; lower ids win ties. */
    public QuorumClientBuilder nodeId(int id) {
        this.nodeId = id;
        return this;
    }

    /** A ready TLS context (TLS 1.3, this node's key, the trusted CA). */
    public QuorumClientBuilder sslContext(SSLContext context) {
        this.sslContext = context;
        return this;
    }

    /** This node's PKCS12 keystore (key and certificate chain). */
    public QuorumClientBuilder keyStore(Path file, char[] password) {
        this.keyStore = file;
        this.keyStorePassword = password == null ? null : password.clone();
        return this;
    }

    /** The PKCS12 truststore with the CA that signed the server's certificate. */
    public QuorumClientBuilder trustStore(Path file, char[] password) {
        this.trustStore = file;
        this.trustStorePassword = password == null ? null : password.clone();
        return this;
    }

    /** How often to report at the most (the server may ask for more often). Default 1 s. */
    public QuorumClientBuilder heartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
        return this;
    }

    /** Connect timeout, and silence after which the connection is dropped. Default 3 heartbeats. */
    public QuorumClientBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** How much shorter than the server's lease this client's lease is. Default a tenth of the lease. */
    public QuorumClientBuilder leaseMargin(Duration margin) {
        this.leaseMargin = margin;
        return this;
    }

    /** First and longest delay between reconnection attempts. Default 200 ms and 5 s. */
    public QuorumClientBuilder reconnectBackoff(Duration min, Duration max) {
        this.backoffMin = min;
        this.backoffMax = max;
        return this;
    }

    /** Whether the server's certificate must name the host given to {@link #server}. Default true. */
    public QuorumClientBuilder verifyServerHostname(boolean verify) {
        this.verifyHostname = verify;
        return this;
    }

    /** The clock leases are measured with; must not jump. Default {@link MonotonicClock}. */
    public QuorumClientBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public QuorumClientBuilder listener(VoteListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Checks the settings, loads the keystores if given as files, and creates a client (not started).
     *
     * @throws IllegalArgumentException a setting is missing or wrong
     * @throws dev.vigil.quorumd.tls.TlsConfigException a keystore or truststore cannot be used
     */
    public QuorumClient build() {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("quorum server address '" + host + ":" + port + "' is not valid");
        }
        Protocol.checkName("cluster name", cluster);
        Protocol.checkName("node name", node);
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id of '" + node + "' must be set (0 or more), got " + nodeId);
        }
        requirePositive("heartbeat", heartbeat);
        Duration effectiveTimeout = timeout == null ? heartbeat.multipliedBy(3) : timeout;
        requirePositive("timeout", effectiveTimeout);
        requirePositive("reconnect backoff", backoffMin);
        if (backoffMax == null || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("longest reconnect backoff " + backoffMax
                    + " must not be shorter than the first " + backoffMin);
        }
        if (leaseMargin != null && leaseMargin.isNegative()) {
            throw new IllegalArgumentException("lease margin must not be negative, got " + leaseMargin);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        SSLContext ctx = sslContext;
        if (ctx == null) {
            if (keyStore == null || trustStore == null) {
                throw new IllegalArgumentException("the quorum client needs an SSLContext, or a keystore and a"
                        + " truststore");
            }
            ctx = TlsFiles.context(keyStore, keyStorePassword, trustStore, trustStorePassword);
        }
        return new QuorumClient(new ClientSettings(host, port, cluster, node, nodeId, heartbeat, effectiveTimeout,
                leaseMargin, backoffMin, backoffMax, verifyHostname, clock, listener), ctx);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
