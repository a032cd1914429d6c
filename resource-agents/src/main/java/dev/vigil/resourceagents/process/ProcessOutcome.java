package dev.vigil.resourceagents.process;

import java.time.Duration;
import java.time.Instant;

/**
 * How a program run ended. Immutable.
 *
 * @param started when the program was started
 * @param duration wall time until it exited (or was killed)
 * @param termination why the run ended
 * @param exitCode the exit code when {@link Termination#EXITED}; for a program killed by a
 *        signal, 128 + the signal number; -1 otherwise
 * @param launchError why the program could not be started, or {@code null}
 * @param stdout captured standard output (bounded)
 * @param stderr captured standard error (bounded)
 * @param truncated whether any output was cut
 */
public record ProcessOutcome(Instant started, Duration duration, Termination termination, int exitCode,
        String launchError, String stdout, String stderr, boolean truncated) {

    /** Why a run ended. */
    public enum Termination {
        /** The program exited by itself (or was killed by someone else's signal). */
        EXITED,
        /** The timeout expired and the process group was killed. */
        TIMED_OUT,
        /** The caller's thread was interrupted and the process group was killed. */
        CANCELLED,
        /** The program could not be started at all. */
        NOT_STARTED
    }
}
