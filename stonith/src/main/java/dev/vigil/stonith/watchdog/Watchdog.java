package dev.vigil.stonith.watchdog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing with a hardware watchdog ({@code /dev/watchdog}): once opened, the device resets
 * the machine unless it is written to within its timeout. This class sets that timeout (ioctl
 * {@code WDIOC_SETTIMEOUT}, when the device supports it), then writes a keepalive every third of
 * it for as long as the {@link HealthCheck} passes. When the check fails (lost quorum, a stuck
 * controller loop, a check that throws or hangs) it stops writing for good, so the node is reset
 * within one timeout. It never resumes: peers that fence this node by waiting for
 * {@code stonith-watchdog-timeout} rely on the reset happening.
 *
 * <p>{@link #close()} while healthy disarms the device with the magic close (write {@code V},
 * then close), so a clean daemon stop does not reset the node; drivers built with
 * {@code nowayout} ignore it and the node is reset anyway. Closing after the health check failed
 * does not disarm. Owns one thread ({@code vigil-watchdog}), stopped by {@code close()}.
 * Thread-safe.
 */
public final class Watchdog implements AutoCloseable {
    public static final Path DEFAULT_DEVICE = Path.of("/dev/watchdog");
    static final byte KEEPALIVE = 'k';
    static final byte MAGIC_CLOSE = 'V';
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** Where the watchdog is in its life. */
    public enum State {
        /** Writing keepalives while the health check passes. */
        FEEDING,
        /** The health check failed: no more keepalives; the hardware resets the node. */
        TRIPPED,
        /** Closed (disarmed if it was feeding). */
        CLOSED
    }

    private final Path device;
    private final Duration timeout;
    private final Duration interval;
    private final boolean timeoutSet;
    private final HealthCheck health;
    private final WatchdogFile file;
    private final ScheduledExecutorService thread;
    private volatile ScheduledFuture<?> feeding;
    private final AtomicReference<State> state = new AtomicReference<>(State.FEEDING);

    private Watchdog(Path device, WatchdogFile file, Duration timeout, boolean timeoutSet, HealthCheck health) {
        this.device = device;
        this.file = file;
        this.timeout = timeout;
        this.timeoutSet = timeoutSet;
        this.interval = timeout.dividedBy(3);
        this.health = health;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    private Watchdog begin() {
        feeding = thread.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    private void stopFeeding() {
        ScheduledFuture<?> f = feeding;
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Opens {@code device}, sets its timeout and starts feeding it.
     *
     * @param timeout how long the node survives without a keepalive; the device gets it rounded up to
     *        whole seconds, and keepalives go out every third of the shorter of the two
     * @throws IOException when the device cannot be opened (the node is not protected: say so)
     */
    public static Watchdog start(Path device, Duration timeout, HealthCheck health) throws IOException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(health, "health");
        if (timeout.toMillis() < 3) {
            throw new IllegalArgumentException("watchdog timeout must be at least 3ms, got " + timeout);
        }
        WatchdogFile file = WatchdogFile.open(device);
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        OptionalInt set = file.setTimeout(seconds);
        OptionalInt actual = set.isPresent() ? set : file.timeout();
        Duration effective = timeout;
        if (actual.isPresent() && actual.getAsInt() > 0) {
            Duration own = Duration.ofSeconds(actual.getAsInt());
            effective = own.compareTo(timeout) < 0 ? own : timeout;
        }
        if (set.isPresent()) {
            LOG.info("Watchdog {} armed with a {}s timeout; keepalive every {}ms while healthy", device,
                    set.getAsInt(), effective.dividedBy(3).toMillis());
        } else {
            LOG.warn("Watchdog {} does not support setting its timeout ({}); falling back to write-only keepalives "
                    + "every {}ms: make sure the device's own timeout is longer than that", device,
                    file.hasIoctl() ? (actual.isPresent() ? "its timeout is " + actual.getAsInt() + "s"
                            : "not a watchdog device, or an old driver") : "JNA unavailable",
                    effective.dividedBy(3).toMillis());
        }
        return new Watchdog(device, file, effective, set.isPresent(), health).begin();
    }

    /** Opens the default device {@code /dev/watchdog}. */
    public static Watchdog start(Duration timeout, HealthCheck health) throws IOException {
        return start(DEFAULT_DEVICE, timeout, health);
    }

    private void tick() {
        if (state.get() != State.FEEDING) {
            return;
        }
        Optional<String> problem;
        try {
            problem = health.problem();
        } catch (RuntimeException e) {
            problem = Optional.of("health check threw " + e);
        }
        if (problem.isPresent()) {
            trip(problem.get());
            return;
        }
        try {
            file.write(KEEPALIVE);
        } catch (IOException e) {
            LOG.error("Watchdog {}: keepalive failed ({}); the node will be reset if this persists for {}ms", device,
                    e.getMessage(), timeout.toMillis());
        }
    }

    private void trip(String problem) {
        if (!state.compareAndSet(State.FEEDING, State.TRIPPED)) {
            return;
        }
        stopFeeding();
        LOG.error("Watchdog {}: health check failed ({}); keepalives stopped, this node will be reset within {}ms",
                device, problem, timeout.toMillis());
    }

    public Path device() {
        return device;
    }

    /** The timeout keepalives are paced for. */
    public Duration timeout() {
        return timeout;
    }

    /** The time between keepalives: a third of the timeout. */
    public Duration interval() {
        return interval;
    }

    /** Whether the device accepted the timeout (false: write-only keepalives on the device's own timeout). */
    public boolean isTimeoutSet() {
        return timeoutSet;
    }

    public State state() {
        return state.get();
    }

    /** Stops the keepalives; disarms the device (magic close) only if the health check never failed. */
    @Override
    public void close() {
        State before = state.getAndSet(State.CLOSED);
        if (before == State.CLOSED) {
            return;
        }
        boolean disarm = before == State.FEEDING;
        stopFeeding();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            if (disarm) {
                file.write(MAGIC_CLOSE);
            }
            file.close();
        } catch (IOException e) {
            LOG.error("Watchdog {}: close failed ({}); the node may be reset", device, e.getMessage());
            return;
        }
        if (disarm) {
            LOG.info("Watchdog {} disarmed (magic close)", device);
        } else {
            LOG.warn("Watchdog {} closed without disarming: its health check had failed, the node will be reset",
                    device);
        }
    }
}
