package dev.vigil.stonith;

import dev.vigil.core.model.Cib;
import dev.vigil.core.port.AgentExecutor;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor as the cluster sees it: operations on {@code class="stonith"} resources go to the
 * {@link LocalFencer} (a fence device is not a program to run but a device to check), everything
 * else to the agent executor it wraps.
 *
 * <p>For a fence device, as Pacemaker does: {@code start} makes the device usable on this node
 * once its {@code monitor} (or {@code list}) action succeeds; {@code stop} forgets it; a probe
 * ({@code monitor} without interval) reports it running only if started here and still
 * answering; a recurring {@code monitor} checks it every interval and reports changes. Other
 * actions are unimplemented. The fencer is given the current CIB (from {@code cib}) before a start,
 * so a new or changed device is known. Thread-safe; owns one scheduler thread for recurring checks.
 */
public final class FenceDeviceExecutor implements AgentExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(FenceDeviceExecutor.class);

    private final AgentExecutor agents;
    private final LocalFencer fencer;
    private final Supplier<Cib> cib;
    private final Clock clock;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Map<String, Recurring> recurring = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private static final class Recurring {
        final ScheduledFuture<?> task;
        volatile OperationResult last;

        Recurring(ScheduledFuture<?> task) {
            this.task = task;
        }
    }

    /**
     * @param agents runs every operation that is not for a fence device (closed with this executor)
     * @param fencer checks fence devices (not closed with this executor)
     * @param cib the CIB as it now is; called on the caller's thread of {@link #execute}
     */
    public FenceDeviceExecutor(AgentExecutor agents, LocalFencer fencer, Supplier<Cib> cib, Clock clock) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.fencer = Objects.requireNonNull(fencer, "fencer");
        this.cib = Objects.requireNonNull(cib, "cib");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-fence-device-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    private static boolean isFenceDevice(OperationRequest r) {
        return "stonith".equals(r.agent().standard());
    }

    @Override
    public CompletableFuture<OperationResult> execute(OperationRequest r) {
        if (!isFenceDevice(r)) {
            return agents.execute(r);
        }
        Instant now = clock.instant();
        String id = r.resourceId();
        switch (r.action()) {
            case "start":
                fencer.updateCib(cib.get());
                return fencer.monitor(id).thenApply(m -> {
                    if (m.success()) {
                        started.add(id);
                        LOG.info("fence device {} started on this node ({})", id, m.message());
                    } else {
                        LOG.warn("fence device {} could not start on this node: {}", id, m.message());
                    }
                    return result(r, m, OcfStatus.ERR_GENERIC);
                });
            case "stop":
                started.remove(id);
                cancelAllRecurring(id);
                return CompletableFuture.completedFuture(done(r, OcfStatus.SUCCESS, "", now));
            case "monitor":
                return check(r, now);
            default:
                return CompletableFuture.completedFuture(done(r, OcfStatus.ERR_UNIMPLEMENTED,
                        "fence devices support start, stop and monitor, not " + r.action(), now));
        }
    }

    private CompletableFuture<OperationResult> check(OperationRequest r, Instant now) {
        if (!started.contains(r.resourceId())) {
            return CompletableFuture.completedFuture(done(r, OcfStatus.NOT_RUNNING, "", now));
        }
        return fencer.monitor(r.resourceId()).thenApply(m -> result(r, m, OcfStatus.ERR_GENERIC));
    }

    private OperationResult result(OperationRequest r, MonitorResult m, OcfStatus failure) {
        return new OperationResult(r, ExecStatus.DONE, m.success() ? OcfStatus.SUCCESS : failure,
                m.success() ? 0 : failure.code(), m.success() ? "" : m.message(), "", "", false, m.started(),
                Duration.between(m.started(), m.finished()), List.of());
    }

    private OperationResult done(OperationRequest r, OcfStatus status, String reason, Instant now) {
        return new OperationResult(r, ExecStatus.DONE, status, status.code(), reason, "", "", false, now,
                Duration.ZERO, List.of());
    }

    @Override
    public void startRecurring(OperationRequest r, Consumer<OperationResult> onChange) {
        if (!isFenceDevice(r)) {
            agents.startRecurring(r, onChange);
            return;
        }
        cancelRecurring(r.resourceId(), r.key());
        long every = Math.max(1, r.interval().toMillis());
        Recurring[] self = new Recurring[1];
        ScheduledFuture<?> task = timer.scheduleWithFixedDelay(() -> {
            OperationResult res = check(r, clock.instant()).join();
            Recurring rec = self[0];
            if (rec != null && recurring.get(key(r)) == rec && !res.sameOutcomeAs(rec.last)) {
                rec.last = res;
                onChange.accept(res);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        self[0] = new Recurring(task);
        recurring.put(key(r), self[0]);
    }

    private static String key(OperationRequest r) {
        return r.resourceId() + '\u0000' + r.key();
    }

    @Override
    public boolean cancelRecurring(String resourceId, String operationKey) {
        Recurring rec = recurring.remove(resourceId + '\u0000' + operationKey);
        if (rec != null) {
            rec.task.cancel(false);
            return true;
        }
        return agents.cancelRecurring(resourceId, operationKey);
    }

    @Override
    public int cancelAllRecurring(String resourceId) {
        int n = 0;
        for (String k : List.copyOf(recurring.keySet())) {
            if (k.startsWith(resourceId + '\u0000')) {
                Recurring rec = recurring.remove(k);
                if (rec != null) {
                    rec.task.cancel(false);
                    n++;
                }
            }
        }
        return n + agents.cancelAllRecurring(resourceId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        recurring.clear();
        agents.close();
    }
}
