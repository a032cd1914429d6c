package dev.vigil.cli.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion for integration tests: output (stdout and stderr) in a file, a time limit. */
public final class Processes {
    private Processes() {
    }

    /** What a command did. */
    public record Result(List<String> command, int exit, String output) {
        public List<String> lines() {
            return output.lines().toList();
        }

        /** The last non-empty line of the output, or "". */
        public String lastLine() {
            List<String> l = lines().stream().filter(s -> !s.isBlank()).toList();
            return l.isEmpty() ? "" : l.get(l.size() - 1);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + exit + ":\n" + output;
        }
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this JVM's environment. On
     * timeout the command and its descendants are killed and the test fails with its output.
     */
    public static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("vigil-it-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                            .toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(log));
            }
            return new Result(List.copyOf(command), p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
