package dev.vigil.cli.daemon.ipc;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link ControlServer}. Immutable; start from {@link #defaults()} and use the
 * {@code with…} methods.
 *
 * @param idleTimeout how long a connection may wait for the next request, or take to read an
 *     answer, before it is closed
 * @param requestTimeout how long a handler may take before the request is answered
 *     {@link ControlException#TIMEOUT}
 * @param maxConnections how many connections are served at once; further ones are answered
 *     {@link ControlException#UNAVAILABLE} and closed
 * @param accounts where peers' uids and groups are looked up
 */
public record ControlServerOptions(Duration idleTimeout, Duration requestTimeout, int maxConnections,
        AccountDatabase accounts) {
    /** Default {@link #idleTimeout()}: 60 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default {@link #requestTimeout()}: 120 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** Default {@link #maxConnections()}: 8. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** Upper bound of {@link #maxConnections()}: each connection holds a thread. */
    public static final int MAX_CONNECTIONS_LIMIT = 64;

    /** Validates. */
    public ControlServerOptions {
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException(
                    "maxConnections must be between 1 and " + MAX_CONNECTIONS_LIMIT + ", got " + maxConnections);
        }
        Objects.requireNonNull(accounts, "accounts");
    }

    /** 60 s idle timeout, 120 s request timeout, 8 connections, the system's account files. */
    public static ControlServerOptions defaults() {
        return new ControlServerOptions(DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                AccountDatabase.system());
    }

    /** A copy with the given idle timeout. */
    public ControlServerOptions withIdleTimeout(Duration timeout) {
        return new ControlServerOptions(timeout, requestTimeout, maxConnections, accounts);
    }

    /** A copy with the given per-request timeout. */
    public ControlServerOptions withRequestTimeout(Duration timeout) {
        return new ControlServerOptions(idleTimeout, timeout, maxConnections, accounts);
    }

    /** A copy with the given connection limit. */
    public ControlServerOptions withMaxConnections(int max) {
        return new ControlServerOptions(idleTimeout, requestTimeout, max, accounts);
    }

    /** A copy with the given account database. */
    public ControlServerOptions withAccounts(AccountDatabase database) {
        return new ControlServerOptions(idleTimeout, requestTimeout, maxConnections, database);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
