package dev.vigil.quorumd;

import dev.vigil.quorumd.vote.ArbiterSettings;
import dev.vigil.quorumd.vote.MonotonicClock;
import dev.vigil.quorumd.vote.Partition;
import dev.vigil.quorumd.vote.VotePolicy;
import dev.vigil.quorumd.wire.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quorum server: accepts TLS 1.3 connections from cluster nodes (client certificate required,
 * verified against the truststore's CA), and answers their partition reports with the decisions of a
 * {@link dev.vigil.quorumd.vote.VoteArbiter}. One server serves any number of clusters.
 *
 * <p>After {@link #start()} the server grants nothing for one lease (with a state directory: the
 * longest lease of its previous run), so a restarted server never lets two partitions of a cluster
 * hold valid leases: whatever its previous incarnation granted has expired first.
 *
 * <p>Lifecycle: {@code builder()...build()}, {@link #start()} once, {@link #stop()} (idempotent; also
 * {@link #close()}). A stopped server cannot be restarted; build a new one. Threads: one acceptor,
 * one per connection, the vote loop and, with a state directory, a state writer; all daemon threads,
 * all ended by {@link #stop()}. Public methods are thread-safe.
 */
public final class QuorumServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumServer.class);

    /** Everything a server is configured with. Immutable. */
    record Settings(InetSocketAddress listen, SSLContext sslContext, VotePolicy policy, Duration heartbeat,
            Duration lease, Path stateDir, ClientNameCheck clientNameCheck, Clock clock, int maxConnections) {

        /** A client that sends nothing for this long is dropped; its node stops counting as connected. */
        Duration clientTimeout() {
            return lease;
        }

        Duration handshakeTimeout() {
            return lease.compareTo(Duration.ofSeconds(5)) > 0 ? lease : Duration.ofSeconds(5);
        }
    }

    private enum State { NEW, RUNNING, STOPPED }

    private final Settings settings;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private State state = State.NEW;
    private SSLServerSocket serverSocket;
    private VoteService service;
    private Thread acceptor;

    private QuorumServer(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the listening socket and starts serving.
     *
     * @throws IOException the address cannot be bound or the state directory cannot be used; the
     *                     message names which and why
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("quorum server already " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + "; build a new one to start again");
        }
        StateFile stateFile = settings.stateDir() == null ? null : new StateFile(settings.stateDir());
        ServerState loaded = stateFile == null ? ServerState.empty() : stateFile.load();
        Duration hold = settings.lease().compareTo(loaded.holdLease()) >= 0 ? settings.lease() : loaded.holdLease();
        ServerState initial = loaded.withHoldLease(hold);
        if (stateFile != null) {
            stateFile.save(initial); // a crash during the hold must not shorten the next hold
        }
        serverSocket = bind();
        ArbiterSettings arbiterSettings = new ArbiterSettings(settings.policy(), settings.lease(),
                settings.clientTimeout(), hold);
        service = new VoteService(arbiterSettings, settings.clock(), initial, stateFile);
        long tick = Math.max(10, Math.min(settings.heartbeat().toMillis() / 2, settings.lease().toMillis() / 4));
        service.start(Duration.ofMillis(tick));
        acceptor = new Thread(this::acceptLoop, "quorumd-accept");
        acceptor.setDaemon(true);
        state = State.RUNNING;
        acceptor.start();
        LOG.info("quorum server listening on {} (policy {}, heartbeat {} ms, lease {} ms, client CN check {}{});"
                        + " no vote is granted during the first {} ms", boundAddress(), settings.policy(),
                settings.heartbeat().toMillis(), settings.lease().toMillis(), settings.clientNameCheck(),
                stateFile == null ? "" : ", state " + stateFile.path(), hold.toMillis());
    }

    /** The address the server listens on (with the real port when it was started on port 0). */
    public synchronized InetSocketAddress boundAddress() {
        if (serverSocket == null) {
            throw new IllegalStateException("quorum server not started");
        }
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return boundAddress().getPort();
    }

    /** The partition of {@code cluster} that currently receives grants, if any. */
    public Optional<Partition> holder(String cluster) {
        VoteService s;
        synchronized (this) {
            if (state != State.RUNNING) {
                return Optional.empty();
            }
            s = service;
        }
        try {
            return s.holder(cluster).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("vote loop did not answer: " + e, e);
        }
    }

    /** Stops listening, closes every connection and ends the server's threads. Idempotent. */
    public void stop() {
        Thread acceptorThread;
        synchronized (this) {
            if (state != State.RUNNING) {
                state = State.STOPPED;
                return;
            }
            state = State.STOPPED;
            acceptorThread = acceptor;
            try {
                serverSocket.close();
            } catch (IOException e) {
                LOG.debug("closing the listening socket: {}", e.toString());
            }
        }
        joinQuietly(acceptorThread);
        sessions.forEach(ClientSession::close);
        service.close();
        LOG.info("quorum server on {} stopped", serverSocket.getLocalSocketAddress());
    }

    @Override
    public void close() {
        stop();
    }

    private SSLServerSocket bind() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) settings.sslContext().getServerSocketFactory().createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(settings.listen(), 128);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + describe(settings.listen()) + ": " + e.getMessage()
                    + " (another quorum server running? choose another --listen address)", e);
        }
        socket.setEnabledProtocols(new String[] {Protocol.TLS_VERSION});
        socket.setNeedClientAuth(true);
        return socket;
    }

    private void acceptLoop() {
        while (true) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (SocketException e) {
                if (!serverSocket.isClosed()) {
                    LOG.error("accepting connections failed: {}", e.toString());
                }
                return;
            } catch (IOException e) {
                LOG.warn("accepting a connection failed: {}", e.toString());
                continue;
            }
            if (sessions.size() >= settings.maxConnections()) {
                LOG.warn("refusing connection from {}: already {} connections open (the limit)",
                        s.getRemoteSocketAddress(), settings.maxConnections());
                closeQuietly(s);
                continue;
            }
            ClientSession session = new ClientSession((SSLSocket) s, service, settings, sessions::remove);
            sessions.add(session);
            Thread t = new Thread(session, "quorumd-session " + session.remote());
            t.setDaemon(true);
            t.start();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /**
     * Configures a {@link QuorumServer}. Required: {@link #sslContext}. Defaults: listen on
     * {@code 0.0.0.0:5403}, policy {@link VotePolicy#LARGEST}, heartbeat 1 s, lease 3 heartbeats,
     * no state directory, {@link ClientNameCheck#ANY}, the {@link MonotonicClock}. Not thread-safe.
     */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress(Protocol.DEFAULT_PORT);
        private SSLContext sslContext;
        private VotePolicy policy = VotePolicy.LARGEST;
        private Duration heartbeat = Duration.ofSeconds(1);
        private Duration lease;
        private Path stateDir;
        private ClientNameCheck clientNameCheck = ClientNameCheck.ANY;
        private Clock clock = MonotonicClock.system();
        private int maxConnections = 1024;

        private Builder() {
        }

        /** Where to listen; port 0 picks a free port (see {@link QuorumServer#port()}). */
        public Builder listen(InetSocketAddress address) {
            this.listen = address;
            return this;
        }

        public Builder listen(String host, int port) {
            return listen(new InetSocketAddress(host, port));
        }

        /** The server's key and the CA it trusts for client certificates (see {@code TlsFiles}). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder policy(VotePolicy policy) {
            this.policy = policy;
            return this;
        }

        /** How often clients report at the latest (sent to them in the welcome). */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** How long a grant lasts without renewal; at least two heartbeats. Default three heartbeats. */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** Where to keep the last holder of each cluster and the last lease across restarts. */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder clientNameCheck(ClientNameCheck check) {
            this.clientNameCheck = check;
            return this;
        }

        /** The clock leases are measured with; it must not jump (default {@link MonotonicClock}). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Connections open at once beyond which new ones are refused. */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Checks the settings and creates a server that is not started yet. */
        public QuorumServer build() {
            if (sslContext == null) {
                throw new IllegalArgumentException("the server needs an SSLContext with its key and the trusted CA");
            }
            if (listen == null || policy == null || clientNameCheck == null || clock == null) {
                throw new IllegalArgumentException("listen address, policy, client name check and clock must be set");
            }
            if (heartbeat == null || heartbeat.toMillis() < 1) {
                throw new IllegalArgumentException("heartbeat must be at least 1 ms, got " + heartbeat);
            }
            Duration effectiveLease = lease == null ? heartbeat.multipliedBy(3) : lease;
            if (effectiveLease.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("lease " + effectiveLease.toMillis() + " ms must be at least twice"
                        + " the heartbeat " + heartbeat.toMillis() + " ms, or clients lose the vote between renewals");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
            }
            return new QuorumServer(new Settings(listen, sslContext, policy, heartbeat, effectiveLease, stateDir,
                    clientNameCheck, clock, maxConnections));
        }
    }
}
