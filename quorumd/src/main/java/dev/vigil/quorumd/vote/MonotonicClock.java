package dev.vigil.quorumd.vote;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that never jumps: it starts at the wall-clock time of its creation and then advances with
 * {@link System#nanoTime()}. Leases are measured with it so that setting the system time can neither
 * extend nor cut one short. Thread-safe and immutable.
 */
public final class MonotonicClock extends Clock {
    private static final MonotonicClock SYSTEM = new MonotonicClock();

    private final Instant origin;
    private final long originNanos;

    private MonotonicClock() {
        this.origin = Instant.now();
        this.originNanos = System.nanoTime();
    }

    /** The process-wide monotonic clock. */
    public static MonotonicClock system() {
        return SYSTEM;
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("MonotonicClock is UTC only, asked for " + zone);
        }
        return this;
    }
}
