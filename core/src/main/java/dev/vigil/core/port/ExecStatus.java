package dev.vigil.core.port;

/**
 * Whether an operation ran to completion, independent of what the agent answered. Only a
 * {@link #DONE} operation carries a meaningful {@link OcfStatus}; for the others the executor
 * reports a synthetic status (see {@link OperationResult#status()}).
 */
public enum ExecStatus {
    /** The agent ran and exited with a valid OCF code. */
    DONE,
    /** The operation exceeded its timeout and the agent's process tree was killed. */
    TIMED_OUT,
    /** The operation was cancelled before it completed (a recurring monitor stopped, for example). */
    CANCELLED,
    /** The agent does not exist or is not executable. */
    NOT_INSTALLED,
    /** The request was refused before running: a required parameter is missing, an action unknown. */
    INVALID,
    /** The agent could not be run, was killed by a signal or answered with a code outside the API. */
    ERROR
}
