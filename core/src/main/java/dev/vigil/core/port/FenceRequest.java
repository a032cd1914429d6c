package dev.vigil.core.port;

import java.time.Duration;
import java.util.Objects;

/**
 * A request to fence one node. Immutable.
 *
 * @param target the node to fence (its {@code uname})
 * @param action what to do to it
 * @param origin the node that asked (the DC, or the node where an administrator ran the command)
 * @param timeout the longest the whole operation may take, delays, retries and fallback levels
 *        included; when it runs out the operation ends {@link FenceResult.Status#TIMED_OUT}. May be
 *        {@code null}: the operation is then bounded only by each device's action timeout and
 *        retries (every attempt has a timeout, so it still ends)
 */
public record FenceRequest(String target, FenceAction action, String origin, Duration timeout) {

    public FenceRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(origin, "origin");
        if (target.isBlank()) {
            throw new IllegalArgumentException("fence request needs a target node");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("fence request timeout must be positive, got " + timeout);
        }
    }

    /** A request bounded by {@code timeout} (typically the cluster's {@code stonith-timeout}). */
    public static FenceRequest of(String target, FenceAction action, String origin, Duration timeout) {
        return new FenceRequest(target, action, origin, Objects.requireNonNull(timeout, "timeout"));
    }

    /** A request bounded only by the per-device action timeouts and retries. */
    public static FenceRequest of(String target, FenceAction action, String origin) {
        return new FenceRequest(target, action, origin, null);
    }
}
