package dev.vigil.resourceagents.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.resourceagents.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
    private final ProcessRunner runner = new ProcessRunner();

    private static ProcessSpec sh(String script, Duration timeout) {
        return new ProcessSpec(List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin"), Path.of("/"),
                new byte[0], timeout, Duration.ofMillis(500), 64 * 1024);
    }

    private static String marker() {
        return Long.toString(900000 + ThreadLocalRandom.current().nextInt(99999));
    }

    @Test
    void capturesExitCodeAndOutput() {
        ProcessOutcome o = runner.run(sh("echo hello; echo oops >&2; exit 3", Duration.ofSeconds(5)));
        assertEquals(ProcessOutcome.Termination.EXITED, o.termination());
        assertEquals(3, o.exitCode());
        assertEquals("hello\n", o.stdout());
        assertEquals("oops\n", o.stderr());
        assertFalse(o.truncated());
    }

    @Test
    void killsTheWholeProcessTreeOnTimeout() {
        String m = marker();
        try {
            ProcessOutcome o = runner.run(sh("sleep " + m + " & sleep " + m + " & (sleep " + m + " &) ; wait",
                    Duration.ofMillis(700)));
            assertEquals(ProcessOutcome.Termination.TIMED_OUT, o.termination());
            assertTrue(o.duration().compareTo(Duration.ofMillis(700)) >= 0);
            await().atMost(Duration.ofSeconds(3)).until(() -> Processes.withMarker(m).isEmpty());
        } finally {
            Processes.killAll(m);
        }
    }

    @Test
    void killsChildrenThatIgnoreTermAfterTheGracePeriod() {
        String m = marker();
        try {
            ProcessOutcome o = runner.run(sh("trap '' TERM; sh -c \"trap '' TERM; sleep " + m + "; sleep " + m
                    + "\" & wait; wait", Duration.ofMillis(500)));
            assertEquals(ProcessOutcome.Termination.TIMED_OUT, o.termination());
            await().atMost(Duration.ofSeconds(3)).until(() -> Processes.withMarker(m).isEmpty());
        } finally {
            Processes.killAll(m);
        }
    }

    @Test
    void boundsTheCapturedOutputOfAChattyProgram() {
        // 40 MB on stdout: the run completes and keeps about the limit plus a short tail.
        ProcessOutcome o = runner.run(sh("head -c 40000000 /dev/zero | tr '\\0' x; echo; echo LAST-LINE",
                Duration.ofSeconds(30)));
        assertEquals(0, o.exitCode());
        assertTrue(o.truncated());
        assertTrue(o.stdout().length() < 64 * 1024 + 9 * 1024 + 100, "kept " + o.stdout().length() + " chars");
        assertTrue(o.stdout().contains("bytes omitted"));
        assertTrue(o.stdout().strip().endsWith("LAST-LINE"), "the tail is kept");
    }

    @Test
    void aDaemonThatKeepsTheOutputPipeOpenDoesNotStallTheRun() {
        String m = marker();
        try {
            ProcessOutcome o = runner.run(sh("sleep " + m + " & echo started; exit 0", Duration.ofSeconds(10)));
            assertEquals(ProcessOutcome.Termination.EXITED, o.termination());
            assertEquals(0, o.exitCode());
            assertEquals("started\n", o.stdout());
            assertTrue(o.duration().compareTo(Duration.ofSeconds(5)) < 0, "took " + o.duration());
            assertFalse(Processes.withMarker(m).isEmpty(), "a normally exiting program's daemon is left running");
        } finally {
            Processes.killAll(m);
        }
    }

    @Test
    void feedsStdin() {
        ProcessSpec spec = new ProcessSpec(List.of("/bin/cat"), Map.of(), Path.of("/"),
                "action=status\nport=x\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5),
                Duration.ofMillis(200), 4096);
        ProcessOutcome o = runner.run(spec);
        assertEquals("action=status\nport=x\n", o.stdout());
    }

    @Test
    void reportsAProgramThatCannotBeStarted() {
        ProcessSpec spec = new ProcessSpec(List.of("/nonexistent/agent"), Map.of(), Path.of("/"), new byte[0],
                Duration.ofSeconds(5), Duration.ofMillis(200), 4096);
        ProcessOutcome o = runner.run(spec);
        // Through setsid the exec failure is an exit code and a message; without it, NOT_STARTED.
        assertTrue(o.termination() == ProcessOutcome.Termination.NOT_STARTED
                || (o.exitCode() == 127 || o.exitCode() == 126), o.toString());
    }

    @Test
    void interruptingTheCallerKillsTheProgram() throws Exception {
        String m = marker();
        try {
            ProcessOutcome[] result = new ProcessOutcome[1];
            Thread t = new Thread(() -> result[0] = runner.run(sh("sleep " + m, Duration.ofSeconds(60))));
            t.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.withMarker(m).isEmpty());
            t.interrupt();
            t.join(10_000);
            assertEquals(ProcessOutcome.Termination.CANCELLED, result[0].termination());
            await().atMost(Duration.ofSeconds(3)).until(() -> Processes.withMarker(m).isEmpty());
        } finally {
            Processes.killAll(m);
        }
    }
}
