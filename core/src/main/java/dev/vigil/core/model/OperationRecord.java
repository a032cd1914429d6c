package dev.vigil.core.model;

/**
 * One {@code <lrm_rsc_op>}: the recorded result of an operation on a node.
 *
 * @param expectedRc the result the controller expected, from the transition key (-1 when unknown)
 * @param execStatus Pacemaker's execution status (0 done, -1 pending, 1 cancelled, 2 timed out, 3 not
 *                   supported, 4 error, 5 hard error, 6 fatal error, 7 not installed, ...)
 */
public record OperationRecord(String id, String operation, int callId, int rc, int execStatus, int expectedRc,
                              long intervalMs, long lastRcChange, String migrateSource, String migrateTarget,
                              String opDigest, String restartDigest, String transitionKey, String exitReason,
                              String onNode) {
    public boolean isProbe() {
        return "monitor".equals(operation) && intervalMs == 0;
    }

    public boolean isPending() {
        return execStatus == -1 || callId == -1;
    }
}
