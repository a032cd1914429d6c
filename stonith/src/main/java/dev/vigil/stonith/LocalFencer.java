package dev.vigil.stonith;

import dev.vigil.core.model.Cib;
import dev.vigil.core.port.FenceRequest;
import dev.vigil.core.port.FenceResult;
import dev.vigil.core.port.Fencer;
import dev.vigil.stonith.manual.ManualDriver;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.NodeContact;
import dev.vigil.stonith.watchdog.WatchdogFenceDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Fencer} of this node: executes fencing with the devices of the current CIB, from
 * this node. Give it the CIB ({@link #updateCib}) whenever it changes; operations already running
 * keep the CIB they started with.
 *
 * <p>Rules (see the package description for the details): the target's {@code fencing-topology}
 * levels in ascending index, all devices of a level must succeed, a failing level falls through to
 * the next; without a topology every device that can fence the target (by {@code pcmk_host_check})
 * is tried by descending {@code priority}. One delay ({@code pcmk_delay_base}/{@code _max} of the
 * first device) before the first attempt. Each attempt is bounded by the device's action timeout
 * and retried {@code pcmk_<action>_retries} times; the whole operation by the request's timeout.
 *
 * <p>Threads: owns one pool ({@code vigil-fencer-N}, daemon threads) on which operations run and
 * device calls are made; results complete there, never on the caller's thread, and no method
 * blocks. {@link #close()} interrupts what runs, completes pending results as cancelled, closes
 * the devices and stops the pool. Thread-safe.
 */
public final class LocalFencer implements Fencer {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFencer.class);

    private final String localNode;
    private final DriverRegistry drivers;
    private final Clock clock;
    private final DoubleSupplier random;
    private final int historyLimit;
    private final ExecutorService pool;
    private final LiveDevices devices;
    private final DeviceCaller caller;
    private final HostChecker checker;
    private final DeviceQueries queries;
    private final Map<String, Inflight> inflight = new ConcurrentHashMap<>();
    private final Deque<FenceResult> history = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DeviceCatalog catalog = DeviceCatalog.empty();

    private record Inflight(FenceRequest request, Instant started, CompletableFuture<FenceResult> future) {
    }

    private LocalFencer(Builder b) {
        this.localNode = b.localNode;
        this.drivers = b.drivers;
        this.clock = b.clock;
        this.random = b.random;
        this.historyLimit = b.historyLimit;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vigil-fencer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.devices = new LiveDevices(drivers, new DriverContext(localNode, clock, b.nodeContact));
        this.caller = new DeviceCaller(pool, b.callGrace, clock);
        this.checker = new HostChecker(caller, clock, b.listCacheTtl);
        this.queries = new DeviceQueries(devices, caller, checker, clock);
        if (b.cib != null) {
            updateCib(b.cib);
        }
    }

    /**
     * @param drivers the drivers devices are made with (not closed by the fencer)
     * @param localNode this node's name
     */
    public static Builder builder(DriverRegistry drivers, String localNode) {
        return new Builder(drivers, localNode);
    }

    /**
     * Uses {@code cib}'s fence devices, topology and {@code stonith-timeout} from now on. Devices whose
     * configuration changed are recreated (the old ones closed once their running actions end).
     * New configuration problems are logged once.
     */
    public void updateCib(Cib cib) {
        Objects.requireNonNull(cib, "cib");
        boolean watchdog = drivers.find(WatchdogFenceDriver.NAME).isPresent();
        DeviceCatalog next = DeviceCatalog.from(cib, localNode, watchdog);
        DeviceCatalog previous = catalog;
        catalog = next;
        devices.retainOnly(next);
        for (String p : next.problems()) {
            if (!previous.problems().contains(p)) {
                LOG.warn("Fencing configuration: {}", p);
            }
        }
    }

    /** Problems of the current fencing configuration (malformed device parameters, bad levels). */
    public List<String> configurationProblems() {
        return catalog.problems();
    }

    @Override
    public CompletableFuture<FenceResult> fence(FenceRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        if (closed.get()) {
            return CompletableFuture.completedFuture(cancelled(request, now));
        }
        String key = request.target() + '\u0000' + request.action();
        Inflight fresh = new Inflight(request, now, new CompletableFuture<>());
        Inflight running = inflight.putIfAbsent(key, fresh);
        if (running != null) {
            LOG.info("Fencing of node {} ({}) requested by {} joins the operation in progress since {}",
                    request.target(), request.action(), request.origin(), running.started());
            return running.future().copy();
        }
        LOG.info("Fencing of node {} ({}) requested by {}{}", request.target(), request.action(), request.origin(),
                request.timeout() == null ? "" : ", timeout " + DurationText.format(request.timeout()));
        FenceOperation op = new FenceOperation(request, catalog, devices, caller, checker, clock, random, now);
        try {
            pool.execute(() -> {
                FenceResult r;
                try {
                    r = op.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("Fencing of node {} failed unexpectedly", request.target(), e);
                    r = new FenceResult(request, FenceResult.Status.FAILED, 0, List.of(), "internal error: " + e, now,
                            clock.instant(), List.of());
                }
                complete(key, fresh, r);
            });
        } catch (RejectedExecutionException e) {
            complete(key, fresh, cancelled(request, now));
        }
        return fresh.future().copy();
    }

    /** Records and delivers the result; only the first completion counts (close() races the operation). */
    private void complete(String key, Inflight op, FenceResult result) {
        if (!inflight.remove(key, op)) {
            return;
        }
        synchronized (history) {
            history.addLast(result);
            while (history.size() > historyLimit) {
                history.removeFirst();
            }
        }
        op.future().complete(result);
    }

    private FenceResult cancelled(FenceRequest request, Instant started) {
        return new FenceResult(request, FenceResult.Status.CANCELLED, 0, List.of(), "the fencer is closed", started,
                clock.instant(), List.of());
    }

    @Override
    public boolean confirm(String node) {
        Objects.requireNonNull(node, "node");
        Optional<FenceDriver> d = drivers.find(ManualDriver.NAME);
        boolean released = d.isPresent() && d.get() instanceof ManualDriver && ((ManualDriver) d.get()).confirm(node);
        if (released) {
            LOG.info("An operator confirmed that node {} is down; manual fencing of it completes", node);
        } else {
            LOG.info("An operator confirmed that node {} is down, but no manual fencing of it was waiting", node);
        }
        return released;
    }

    @Override
    public List<FenceResult> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The requests being fenced right now. */
    public List<FenceRequest> pending() {
        return inflight.values().stream().map(Inflight::request).toList();
    }

    /**
     * The devices that would be tried for {@code node}, in order: the devices of its topology levels,
     * or the usable devices that can fence it by {@code pcmk_host_check} (this may run their
     * {@code list} or {@code status} actions). Devices that cannot be created are left out.
     */
    public CompletableFuture<List<String>> devicesFor(String node) {
        DeviceCatalog cat = catalog;
        return supply(() -> queries.devicesFor(cat, node), List.of());
    }

    /**
     * Checks that a device works: its {@code monitor} action, else its {@code list} action, else
     * nothing (success). Timeout: {@code pcmk_monitor_timeout} (or the monitor op's), else
     * {@code stonith-timeout}. The future never completes exceptionally.
     */
    public CompletableFuture<MonitorResult> monitor(String deviceId) {
        DeviceCatalog cat = catalog;
        Instant started = clock.instant();
        return supply(() -> queries.monitor(cat, deviceId, started),
                new MonitorResult(deviceId, false, "the fencer is closed", started, started));
    }

    private <T> CompletableFuture<T> supply(DeviceQueries.Query<T> query, T whenClosed) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    f.complete(query.run());
                } catch (InterruptedException e) {
                    f.complete(whenClosed);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.complete(whenClosed);
        }
        return f;
    }

    /** Interrupts running operations (they end as cancelled), closes the devices and stops the pool. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Some fence device calls did not stop within 10s of being interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Map.Entry<String, Inflight> e : new ArrayList<>(inflight.entrySet())) {
            complete(e.getKey(), e.getValue(), cancelled(e.getValue().request(), e.getValue().started()));
        }
        devices.closeAll();
    }

    /** Configures a {@link LocalFencer}. Not thread-safe. */
    public static final class Builder {
        private final DriverRegistry drivers;
        private final String localNode;
        private Cib cib;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        private NodeContact nodeContact = NodeContact.UNKNOWN;
        private int historyLimit = 500;
        private Duration callGrace = Duration.ofSeconds(5);
        private Duration listCacheTtl = Duration.ofSeconds(60);

        private Builder(DriverRegistry drivers, String localNode) {
            this.drivers = Objects.requireNonNull(drivers, "drivers");
            this.localNode = Objects.requireNonNull(localNode, "localNode");
        }

        /** The initial CIB (else none: no devices until {@link LocalFencer#updateCib}). */
        public Builder cib(Cib cib) {
            this.cib = cib;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of the random part of delays: numbers in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** When peers were last heard from (for watchdog fencing). */
        public Builder nodeContact(NodeContact contact) {
            this.nodeContact = Objects.requireNonNull(contact, "contact");
            return this;
        }

        /** How many finished operations {@link LocalFencer#history()} keeps (default 500). */
        public Builder historyLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("history limit must be positive, got " + limit);
            }
            this.historyLimit = limit;
            return this;
        }

        /** How long past its timeout a device call may run before it is interrupted (default 5s). */
        public Builder callGrace(Duration grace) {
            this.callGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /** How long a device's {@code list} answer is reused (default 60s). */
        public Builder listCacheTtl(Duration ttl) {
            this.listCacheTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        public LocalFencer build() {
            return new LocalFencer(this);
        }
    }
}
