package dev.vigil.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a fencing operation ended. Immutable.
 *
 * @param request what was asked
 * @param status the overall outcome
 * @param level the {@code fencing-topology} level that fenced the target, or 0 when the target has
 *        no topology or the operation failed
 * @param devices the device(s) that fenced the target (all devices of the level); empty on failure
 * @param error why the operation failed, for the operator (every level and device tried, and what
 *        went wrong with each); empty on success
 * @param started when the fencer accepted the request
 * @param finished when the operation ended
 * @param attempts every device call made, in order
 */
public record FenceResult(FenceRequest request, Status status, int level, List<String> devices, String error,
        Instant started, Instant finished, List<FenceAttempt> attempts) {

    /** The outcome of a whole fencing operation. */
    public enum Status {
        /** The target was fenced: it is safe to recover its resources (for {@code on}: it was unfenced). */
        SUCCESS,
        /** Every level (or every capable device) was tried and none succeeded. */
        FAILED,
        /** The request's overall timeout ran out before any level succeeded. */
        TIMED_OUT,
        /** No configured device can fence the target; nothing was tried. */
        NO_DEVICE,
        /** The fencer was closed before the operation ended. */
        CANCELLED
    }

    public FenceResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        devices = List.copyOf(devices);
        attempts = List.copyOf(attempts);
    }

    /** Whether the target is now known to be fenced (or, for {@code on}, unfenced). */
    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }
}
