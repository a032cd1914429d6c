package dev.vigil.stonith.watchdog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether this node may keep running resources, asked by the {@link Watchdog} before each
 * keepalive. Implementations must be thread-safe and quick: a check that hangs stops the
 * keepalives, and the node is reset, which is the safe outcome for a stuck daemon.
 */
@FunctionalInterface
public interface HealthCheck {

    /** Empty when healthy; otherwise what is wrong, for the log ("lost quorum"). */
    Optional<String> problem();

    /** A check that fails with {@code name} when {@code healthy} answers false. */
    static HealthCheck of(String name, BooleanSupplier healthy) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(healthy, "healthy");
        return () -> healthy.getAsBoolean() ? Optional.empty() : Optional.of(name);
    }

    /** Healthy when every check is; reports the first problem. */
    static HealthCheck all(HealthCheck... checks) {
        List<HealthCheck> list = List.of(checks);
        return () -> {
            for (HealthCheck c : list) {
                Optional<String> p = c.problem();
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        };
    }
}
