package dev.vigil.cli.daemon.ipc;

import java.util.Objects;

/**
 * A control request that failed, with a machine-readable {@link #code()} and a message for people.
 * Handlers complete their future exceptionally with one to answer
 * {@code {"ok":false,"code":CODE,"error":MESSAGE}}; {@link ControlClient} throws one for every
 * failure, whether reported by the daemon or met on the way (unreachable socket, timeout).
 *
 * <p>The code constants below are the complete list used on the wire. Immutable.
 */
public final class ControlException extends Exception {
    /** The caller may not use the control socket (not root, not in {@code haclient}). */
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    /** The request line was not a valid request: bad JSON, no {@code op}, too long. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The daemon does not know the operation named by {@code op}. */
    public static final String UNKNOWN_OP = "UNKNOWN_OP";
    /** The request names something that does not exist (resource, node, constraint…). */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The request is well-formed but its arguments or the change it asks for are refused. */
    public static final String INVALID = "INVALID";
    /** The operation did not finish in time (or the daemon did not answer in time). */
    public static final String TIMEOUT = "TIMEOUT";
    /** The daemon cannot serve the request now: not running, too busy, shutting down. */
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** A bug or unexpected failure inside the daemon; the daemon's log has the details. */
    public static final String INTERNAL = "INTERNAL";

    private final String code;

    /** A failure with the given code (one of the constants above) and message. */
    public ControlException(String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A failure with the given code and message, caused by {@code cause}. */
    public ControlException(String code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The error code, e.g. {@value #NOT_FOUND}. */
    public String code() {
        return code;
    }
}
