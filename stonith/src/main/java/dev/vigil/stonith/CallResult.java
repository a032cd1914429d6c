package dev.vigil.stonith;

import java.time.Instant;

/**
 * How one device call ended. Immutable.
 *
 * @param status the outcome
 * @param value what the call returned (on success; may be null)
 * @param error why it failed, empty on success
 */
record CallResult<T>(Status status, T value, String error, Instant started, Instant finished) {

    enum Status {
        SUCCESS,
        FAILED,
        TIMED_OUT,
        UNSUPPORTED
    }

    boolean isSuccess() {
        return status == Status.SUCCESS;
    }
}
