package dev.vigil.quorumd;

import dev.vigil.quorumd.vote.ArbiterSettings;
import dev.vigil.quorumd.vote.Decision;
import dev.vigil.quorumd.vote.NodeReport;
import dev.vigil.quorumd.vote.Partition;
import dev.vigil.quorumd.vote.VoteArbiter;
import dev.vigil.quorumd.vote.VoteEvent;
import dev.vigil.quorumd.wire.Hello;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's event loop: the only thread that touches the {@link VoteArbiter} and the table of
 * which session speaks for which node. Sessions submit hellos, reports and disconnects and wait for
 * the answer; a timer re-evaluates every cluster so expiries and moves are logged promptly. State
 * changes worth keeping are written by a separate writer thread.
 */
final class VoteService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoteService.class);

    private record NodeKey(String cluster, String node) {
    }

    private final ScheduledExecutorService loop;
    private final ExecutorService writer;
    private final VoteArbiter arbiter;
    private final StateFile stateFile;
    private final Duration lease;
    private final Clock clock;
    private final Map<NodeKey, ClientSession> sessions = new HashMap<>();
    private ServerState saved;

    /**
     * @param state     what was loaded (and already saved with this run's hold) from the state file
     * @param stateFile where to keep the state, or {@code null}
     */
    VoteService(ArbiterSettings settings, Clock clock, ServerState state, StateFile stateFile) {
        this.arbiter = new VoteArbiter(settings, clock, state.lineage());
        this.stateFile = stateFile;
        this.saved = state;
        this.lease = settings.lease();
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "quorumd-vote"));
        this.writer = stateFile == null ? null : Executors.newSingleThreadExecutor(r -> daemon(r, "quorumd-state"));
    }

    void start(Duration tickEvery) {
        loop.scheduleWithFixedDelay(() -> guarded(this::tick), tickEvery.toMillis(), tickEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Registers {@code session} as the voice of its node; the result is why it is refused, if it is. */
    CompletableFuture<Optional<String>> hello(ClientSession session, Hello hello) {
        return submit(() -> {
            for (ClientSession other : sessions.values()) {
                if (other.cluster().equals(hello.cluster()) && other.nodeId() == hello.nodeId()
                        && !other.node().equals(hello.node())) {
                    return Optional.of("node id " + hello.nodeId() + " is already used by node '" + other.node()
                            + "' of cluster '" + hello.cluster() + "' (connected from " + other.remote()
                            + "); node ids must be unique within a cluster");
                }
            }
            ClientSession previous = sessions.put(new NodeKey(hello.cluster(), hello.node()), session);
            if (previous != null) {
                LOG.info("node '{}' of cluster '{}' reconnected from {}; its connection from {} is replaced",
                        hello.node(), hello.cluster(), session.remote(), previous.remote());
            }
            return Optional.empty();
        });
    }

    /** Answers a report; empty when {@code session} no longer speaks for its node (replaced). */
    CompletableFuture<Optional<Decision>> report(ClientSession session, NodeReport report) {
        return submit(() -> {
            if (sessions.get(new NodeKey(report.cluster(), report.node())) != session) {
                return Optional.empty();
            }
            Decision d = arbiter.report(report);
            LOG.debug("cluster '{}': node '{}' reports {}: {} ({})", report.cluster(), report.node(),
                    report.partition(), d.granted() ? "granted" : "refused", d.reason());
            afterChange();
            return Optional.of(d);
        });
    }

    /** The session ended. */
    void closed(ClientSession session) {
        execute(() -> {
            if (session.cluster() == null) {
                return; // never said hello
            }
            NodeKey key = new NodeKey(session.cluster(), session.node());
            if (sessions.get(key) == session) {
                sessions.remove(key);
                arbiter.disconnect(key.cluster(), key.node());
                afterChange();
            }
        });
    }

    /** The partition of {@code cluster} currently receiving grants. */
    CompletableFuture<Optional<Partition>> holder(String cluster) {
        return submit(() -> arbiter.holder(cluster));
    }

    private void tick() {
        arbiter.tick();
        if (!saved.holdLease().equals(lease) && !clock.instant().isBefore(arbiter.grantsFrom())) {
            // The startup hold is over: leases of earlier runs have expired, only this run's can be valid.
            persist(saved.withHoldLease(lease));
        }
        afterChange();
    }

    private void afterChange() {
        arbiter.takeEvents().forEach(VoteService::log);
        Map<String, Partition> lineage = arbiter.lineage();
        if (!lineage.equals(saved.lineage())) {
            persist(saved.withLineage(lineage));
        }
    }

    private static void log(VoteEvent e) {
        if (e instanceof VoteEvent.Granted g) {
            LOG.info("cluster '{}': vote granted to partition {} ({})", g.cluster(), g.partition(), g.reason());
        } else if (e instanceof VoteEvent.Revoked r) {
            LOG.info("cluster '{}': vote withdrawn from partition {}: {}", r.cluster(), r.partition(), r.reason());
        } else if (e instanceof VoteEvent.LeaseExpired x) {
            LOG.info("cluster '{}': lease of partition {} expired without renewal", x.cluster(), x.partition());
        }
    }

    private void persist(ServerState state) {
        saved = state;
        if (writer == null) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    stateFile.save(state);
                } catch (IOException e) {
                    LOG.error("cannot write state file {}: {}; the vote is unaffected, but after a restart ties"
                            + " may be broken differently", stateFile.path(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("state writer stopped; state not written");
        }
    }

    private <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
                LOG.error("vote loop task failed: {}", e.toString(), e);
            }
        });
        return result;
    }

    private void execute(Runnable task) {
        try {
            loop.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("vote loop stopped; task dropped");
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("vote loop task failed: {}", e.toString(), e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            if (writer != null) {
                writer.shutdown();
                writer.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
