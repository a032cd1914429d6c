package dev.vigil.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened when an operation ran. Immutable.
 *
 * @param request the operation
 * @param execStatus whether it ran to completion
 * @param status the OCF result; when {@code execStatus} is not {@link ExecStatus#DONE} this is the
 *        result the cluster should act on (a timeout or a garbage exit code is
 *        {@link OcfStatus#ERR_GENERIC}, a missing agent {@link OcfStatus#ERR_INSTALLED}, a missing
 *        required parameter {@link OcfStatus#ERR_CONFIGURED})
 * @param exitCode the agent's raw exit code, or -1 when it did not exit by itself
 * @param exitReason the agent's {@code ocf-exit-reason:} message, or the executor's reason for a
 *        non-DONE status; empty when there is none
 * @param output the agent's standard output, cut at the executor's bound
 * @param errorOutput the agent's standard error (exit-reason lines included), cut at the bound
 * @param outputTruncated whether either output was cut
 * @param started when the agent was started
 * @param duration how long it ran
 * @param attributeUpdates node attributes the agent set or deleted while running
 */
public record OperationResult(OperationRequest request, ExecStatus execStatus, OcfStatus status, int exitCode,
        String exitReason, String output, String errorOutput, boolean outputTruncated, Instant started,
        Duration duration, List<AttributeUpdate> attributeUpdates) {

    public OperationResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(execStatus, "execStatus");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitReason, "exitReason");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(errorOutput, "errorOutput");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        attributeUpdates = List.copyOf(attributeUpdates);
    }

    /** A result the executor decided without a completed agent run. */
    public static OperationResult refused(OperationRequest request, ExecStatus execStatus, OcfStatus status,
            String reason, Instant now) {
        return new OperationResult(request, execStatus, status, -1, reason, "", "", false, now, Duration.ZERO,
                List.of());
    }

    /** Whether the agent ran and returned the expected answer for a healthy resource of this action. */
    public boolean isSuccess() {
        return execStatus == ExecStatus.DONE && status == OcfStatus.SUCCESS;
    }

    /** Whether this result and {@code other} tell the same story (used to report only changes). */
    public boolean sameOutcomeAs(OperationResult other) {
        return other != null && execStatus == other.execStatus && status == other.status
                && exitReason.equals(other.exitReason);
    }
}
