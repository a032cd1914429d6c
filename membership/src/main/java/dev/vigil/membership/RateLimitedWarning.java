package dev.vigil.membership;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A WARN line that an attacker can trigger at will (a forged packet, a node with the wrong key)
 * must not flood the log: the first occurrence is logged, later ones within {@code interval} are
 * only counted and reported with the next line. Thread-safe.
 */
final class RateLimitedWarning {

    private final Logger log;
    private final long intervalNanos;
    private long nextLogNanos;
    private long suppressed;
    private boolean started;

    RateLimitedWarning(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** Logs {@code message} (built lazily) unless one was logged within the interval. */
    void warn(Supplier<String> message) {
        if (!log.isWarnEnabled()) {
            return;
        }
        long now = System.nanoTime();
        long previouslySuppressed;
        synchronized (this) {
            if (started && now - nextLogNanos < 0) {
                suppressed++;
                return;
            }
            started = true;
            nextLogNanos = now + intervalNanos;
            previouslySuppressed = suppressed;
            suppressed = 0;
        }
        if (previouslySuppressed > 0) {
            log.warn("{} ({} more like it since the last report)", message.get(), previouslySuppressed);
        } else {
            log.warn("{}", message.get());
        }
    }
}
