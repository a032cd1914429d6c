package dev.vigil.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call of one fence device during a fencing operation. Immutable.
 *
 * @param device the fence device's resource id
 * @param level the {@code fencing-topology} level index the device was used at, or 0 when the
 *        target has no topology
 * @param action the action sent to the device ({@code off}, {@code on}, {@code reboot}; a reboot
 *        remapped to off-then-on shows as two attempts)
 * @param attempt 1 for the first try, 2 for the first retry, ...
 * @param outcome how the call ended
 * @param error why it failed, for the operator; empty on success
 * @param started when the call started
 * @param finished when it ended
 */
public record FenceAttempt(String device, int level, FenceAction action, int attempt, Outcome outcome,
        String error, Instant started, Instant finished) {

    /** How one device call ended. */
    public enum Outcome {
        /** The device reported that it did what was asked. */
        SUCCESS,
        /** The device reported an error, or could not be used. */
        FAILED,
        /** The device did not answer within the attempt's timeout and was stopped. */
        TIMED_OUT
    }

    public FenceAttempt {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }

    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }
}
