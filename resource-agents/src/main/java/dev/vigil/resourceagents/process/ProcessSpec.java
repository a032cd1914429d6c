package dev.vigil.resourceagents.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and within which bounds. Immutable.
 *
 * @param command program and arguments
 * @param environment the complete environment of the child (nothing is inherited implicitly)
 * @param workingDirectory the child's working directory
 * @param stdin bytes written to the child's standard input, which is then closed; empty for none
 * @param timeout how long the program may run before its process group is killed
 * @param killGrace how long to wait after SIGTERM before SIGKILL
 * @param outputLimit how many bytes of each of stdout and stderr to keep (the rest is read and
 *        discarded, except a short tail)
 */
public record ProcessSpec(List<String> command, Map<String, String> environment, Path workingDirectory,
        byte[] stdin, Duration timeout, Duration killGrace, int outputLimit) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(killGrace, "killGrace");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (outputLimit < 1024) {
            throw new IllegalArgumentException("output limit must be at least 1024 bytes, got " + outputLimit);
        }
    }
}
