package dev.vigil.quorumd.client;

import dev.vigil.quorumd.wire.ErrorMessage;
import dev.vigil.quorumd.wire.Hello;
import dev.vigil.quorumd.wire.Message;
import dev.vigil.quorumd.wire.Protocol;
import dev.vigil.quorumd.wire.Reply;
import dev.vigil.quorumd.wire.Report;
import dev.vigil.quorumd.wire.Welcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node daemon's link to the quorum server: reports this node's partition every heartbeat and on
 * every change, and tells whether the partition holds the server's vote.
 *
 * <p>The vote is a lease. A grant is valid from when the report it answers was <em>sent</em> for the
 * lease the server names, minus a safety margin (default a tenth of the lease) for clock-rate
 * differences; it is renewed by later grants. It is lost at once when the server refuses, when
 * {@link #report} changes the partition (the old grant was for the old membership), or when the lease
 * runs out without renewal, whatever the reason (server gone, network cut, connection refused). A
 * lost connection alone does not end the vote early: the lease rides out short outages.
 *
 * <p>Lifecycle: {@link #builder()}{@code ...build()}, {@link #start()}, {@link #report} whenever the
 * membership changes (the client connects once it has a partition to report), {@link #close()}.
 * Threads: one event-loop thread that owns all state and calls the {@link VoteListener}, plus a
 * reader and a writer thread per connection; all daemon threads, all ended by {@link #close()}.
 * Reconnects with exponential backoff. Public methods are thread-safe.
 */
public final class QuorumClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumClient.class);

    private final ClientSettings config;
    private final SSLContext sslContext;
    private final String name;
    private final ScheduledExecutorService loop;
    private volatile Thread loopThread;
    private volatile VoteStatus status = VoteStatus.initial();

    // Loop-thread state.
    private boolean started;
    private boolean closed;
    private List<String> members;
    private long nextSeq;
    private ServerConnection connection;
    private boolean connected;
    private boolean complainedUnreachable;
    private final SentReports sent = new SentReports();
    private Duration heartbeat;
    private Duration backoff;
    private ScheduledFuture<?> heartbeatTimer;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> expiryTimer;
    private Instant validUntil;
    private List<String> holder = List.of();
    private String reason = "not connected yet";

    QuorumClient(ClientSettings config, SSLContext sslContext) {
        this.config = config;
        this.sslContext = sslContext;
        this.name = "node '" + config.node() + "' of cluster '" + config.cluster() + "'";
        this.heartbeat = config.heartbeat();
        this.backoff = config.backoffMin();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quorum-client " + config.cluster() + "/" + config.node());
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
    }

    /** A builder; see {@link QuorumClientBuilder} for the settings and their defaults. */
    public static QuorumClientBuilder builder() {
        return new QuorumClientBuilder();
    }

    /** Starts the client. Idempotent. */
    public void start() {
        execute(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            scheduleHeartbeat();
            connectNow();
        });
    }

    /**
     * Reports this node's partition: the names of the nodes it is in contact with, itself included.
     * A change drops the vote until the server grants the new partition.
     */
    public void report(Set<String> partitionMembers) {
        if (partitionMembers == null || !partitionMembers.contains(config.node())) {
            throw new IllegalArgumentException("the partition of node '" + config.node() + "' must contain it, got "
                    + partitionMembers);
        }
        partitionMembers.forEach(m -> Protocol.checkName("member name", m));
        if (partitionMembers.size() > Protocol.MAX_MEMBERS) {
            throw new IllegalArgumentException("a partition has at most " + Protocol.MAX_MEMBERS + " members, got "
                    + partitionMembers.size());
        }
        List<String> sorted = List.copyOf(new TreeSet<>(partitionMembers));
        execute(() -> onReport(sorted));
    }

    /** Whether this node's partition holds the vote now (an unexpired lease). */
    public boolean hasVote() {
        VoteStatus s = status;
        return s.granted() && config.clock().instant().isBefore(s.validUntil().orElseThrow());
    }

    /** The client's current view. */
    public VoteStatus status() {
        return status;
    }

    /** Stops the client: the vote is given up, the connection closed, the threads ended. Idempotent. */
    @Override
    public void close() {
        execute(() -> {
            if (closed) {
                return;
            }
            closed = true;
            cancel(heartbeatTimer);
            cancel(reconnectTimer);
            cancel(expiryTimer);
            if (connection != null) {
                connection.close();
                connection = null;
            }
            connected = false;
            lose("quorum client closed");
            publish();
        });
        loop.shutdown();
        if (Thread.currentThread() != loopThread) {
            try {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- loop thread ----

    private void onReport(List<String> next) {
        if (closed || next.equals(members)) {
            return;
        }
        members = next;
        lose("partition changed to {" + String.join(", ", next) + "}; waiting for the quorum server's decision");
        if (connected) {
            sendReport();
        } else {
            connectNow();
        }
        publish();
    }

    private void connectNow() {
        if (!started || closed || connection != null || members == null) {
            return;
        }
        cancel(reconnectTimer);
        ServerConnection c = new ServerConnection(config.host(), config.port(), sslContext, config.timeout(),
                config.verifyHostname(), new Hello(Protocol.VERSION, config.cluster(), config.node(), config.nodeId()),
                new ConnectionEvents(), "quorum-client " + config.cluster() + "/" + config.node());
        connection = c;
        c.open();
    }

    private void onConnected(ServerConnection c, Welcome welcome) {
        if (c != connection) {
            c.close();
            return;
        }
        connected = true;
        backoff = config.backoffMin();
        Duration serverHeartbeat = Duration.ofMillis(welcome.heartbeatMillis());
        Duration next = serverHeartbeat.compareTo(config.heartbeat()) < 0 ? serverHeartbeat : config.heartbeat();
        if (!next.equals(heartbeat)) {
            heartbeat = next;
            scheduleHeartbeat();
        }
        LOG.info("quorum client for {}: {}connected to quorum server {} (heartbeat {} ms, lease {} ms)", name,
                complainedUnreachable ? "re" : "", c.server(), heartbeat.toMillis(), welcome.leaseMillis());
        complainedUnreachable = false;
        sendReport();
        publish();
    }

    private void onReceived(ServerConnection c, Message m) {
        if (c != connection) {
            return;
        }
        if (m instanceof Reply r) {
            onReply(r);
        } else if (m instanceof ErrorMessage e) {
            LOG.warn("quorum client for {}: quorum server {} reports an error: {}", name, c.server(), e.message());
            reason = "quorum server error: " + e.message();
        } else {
            LOG.warn("quorum client for {}: unexpected {} from quorum server {}; reconnecting", name,
                    m.getClass().getSimpleName(), c.server());
            c.close();
        }
        publish();
    }

    private void onLost(ServerConnection c, String why) {
        if (c != connection) {
            return;
        }
        connection = null;
        connected = false;
        sent.clear();
        Duration delay = nextBackoff();
        String lease = validUntil == null ? "no vote held"
                : "the vote lapses in " + Math.max(0, Duration.between(config.clock().instant(), validUntil).toMillis())
                + " ms unless renewed";
        if (complainedUnreachable) {
            LOG.debug("quorum client for {}: quorum server {} still unreachable: {}", name, c.server(), why);
        } else {
            LOG.warn("quorum client for {}: no connection to quorum server {}: {}; retrying ({})", name, c.server(),
                    why, lease);
            complainedUnreachable = true;
        }
        reason = "no connection to the quorum server: " + why;
        reconnectTimer = schedule(this::connectNow, delay);
        publish();
    }

    private void onReply(Reply r) {
        Optional<SentReports.Sent> answered = sent.answer(r.seq());
        if (answered.isEmpty() || !answered.get().members().equals(Set.copyOf(members))) {
            return; // an answer about an older partition
        }
        holder = r.holder();
        if (!r.granted()) {
            reason = r.reason();
            lose("the quorum server refused: " + r.reason());
            return;
        }
        long lease = r.leaseMillis();
        long margin = config.leaseMargin() != null ? config.leaseMargin().toMillis() : Math.max(1, lease / 10);
        Instant until = answered.get().sentAt().plusMillis(lease - margin);
        if (!until.isAfter(config.clock().instant())) {
            lose("a grant arrived after its lease had run out (round trip longer than the lease minus its margin)");
            return;
        }
        reason = r.reason();
        boolean renewed = validUntil != null;
        validUntil = until;
        cancel(expiryTimer);
        expiryTimer = schedule(this::checkExpiry, Duration.between(config.clock().instant(), until));
        if (!renewed) {
            LOG.info("quorum client for {}: vote granted to partition {} ({})", name, members, r.reason());
            notifyListener(true, r.reason());
        }
    }

    private void checkExpiry() {
        if (validUntil == null) {
            return;
        }
        Duration left = Duration.between(config.clock().instant(), validUntil);
        if (left.isNegative() || left.isZero()) {
            lose("lease expired: no renewed grant from the quorum server " + config.host() + ":" + config.port()
                    + " in time");
            publish();
        } else {
            expiryTimer = schedule(this::checkExpiry, left);
        }
    }

    /** Gives the vote up, if held. */
    private void lose(String why) {
        if (validUntil == null) {
            return;
        }
        validUntil = null;
        cancel(expiryTimer);
        reason = why;
        LOG.info("quorum client for {}: vote lost: {}", name, why);
        notifyListener(false, why);
    }

    private void sendReport() {
        long seq = nextSeq++;
        sent.add(seq, config.clock().instant(), Set.copyOf(members));
        connection.send(new Report(seq, members));
    }

    private void heartbeatTick() {
        if (connected && members != null && !closed) {
            sendReport();
        }
    }

    private void scheduleHeartbeat() {
        cancel(heartbeatTimer);
        try {
            heartbeatTimer = loop.scheduleWithFixedDelay(() -> guarded(this::heartbeatTick), heartbeat.toMillis(),
                    heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            heartbeatTimer = null;
        }
    }

    private Duration nextBackoff() {
        Duration current = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : doubled;
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() / 2;
        return Duration.ofMillis(Math.max(1, (long) (current.toMillis() * jitter)));
    }

    private void notifyListener(boolean granted, String why) {
        publish();
        if (config.listener() != null) {
            try {
                config.listener().onVoteChanged(granted, why);
            } catch (RuntimeException e) {
                LOG.error("quorum client for {}: vote listener failed: {}", name, e.toString(), e);
            }
        }
    }

    private void publish() {
        status = new VoteStatus(validUntil != null, Optional.ofNullable(validUntil), connected,
                members == null ? List.of() : members, holder, reason);
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return loop.schedule(() -> guarded(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("quorum client for {} closed; task dropped", name);
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("quorum client for {}: internal error: {}", name, e.toString(), e);
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Posts connection events onto the loop. */
    private final class ConnectionEvents implements ServerConnection.Events {
        @Override
        public void connected(ServerConnection c, Welcome welcome) {
            execute(() -> onConnected(c, welcome));
        }

        @Override
        public void received(ServerConnection c, Message message) {
            execute(() -> onReceived(c, message));
        }

        @Override
        public void lost(ServerConnection c, String why) {
            execute(() -> onLost(c, why));
        }
    }
}
