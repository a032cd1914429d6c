package dev.vigil.stonith.watchdog;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Proof of life of an event loop: the loop calls {@link #beat()} on every turn (or from a
 * periodic timer it runs), and {@link #freshWithin} turns that into a {@link HealthCheck} that
 * fails when the loop has not beaten for a while, i.e. it is stuck. Thread-safe.
 */
public final class Heartbeat {
    private final LongSupplier nanoTime;
    private volatile long last;

    public Heartbeat() {
        this(System::nanoTime);
    }

    /** With an injected monotonic time source in nanoseconds (for tests). */
    public Heartbeat(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
    }

    public void beat() {
        last = nanoTime.getAsLong();
    }

    /** How long ago the last beat was. */
    public Duration age() {
        return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - last));
    }

    /** A check that fails when the last beat is older than {@code maxAge}. */
    public HealthCheck freshWithin(String name, Duration maxAge) {
        return () -> {
            Duration age = age();
            return age.compareTo(maxAge) <= 0 ? Optional.empty()
                    : Optional.of(name + " has not made progress for " + age.toMillis() + "ms");
        };
    }
}
