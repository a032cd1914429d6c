package dev.vigil.resourceagents.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one external program to completion or timeout on the calling thread (see {@link
 * ProcessSpec} for the bounds). The program leads its own process group; on timeout the whole
 * group and every descendant seen gets SIGTERM, then SIGKILL after the grace period, so a hung
 * agent leaves nothing behind. A program that exits normally is not touched further: a daemon it
 * started legitimately keeps running. Output is read without blocking, so a daemon that keeps an
 * inherited pipe open cannot stall the run. Thread-safe (stateless); interrupting the calling
 * thread kills the program and returns {@link ProcessOutcome.Termination#CANCELLED}.
 */
public final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int MAX_STDIN = 60 * 1024;

    private final Clock clock;

    public ProcessRunner(Clock clock) {
        this.clock = clock;
    }

    public ProcessRunner() {
        this(Clock.systemUTC());
    }

    public ProcessOutcome run(ProcessSpec spec) {
        if (spec.stdin().length > MAX_STDIN) {
            throw new IllegalArgumentException("stdin of " + spec.stdin().length + " bytes exceeds " + MAX_STDIN);
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>(ProcessGroups.sessionPrefix());
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        if (spec.stdin().length == 0) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ProcessOutcome(started, elapsed(t0), ProcessOutcome.Termination.NOT_STARTED, -1,
                    e.getMessage(), "", "", false);
        }
        OutputCapture out = new OutputCapture(process.getInputStream(), spec.outputLimit());
        OutputCapture err = new OutputCapture(process.getErrorStream(), spec.outputLimit());
        try {
            writeStdin(process, spec.stdin());
            ProcessOutcome.Termination termination = awaitExit(process, spec, t0, out, err);
            out.drain();
            err.drain();
            int exit = termination == ProcessOutcome.Termination.EXITED ? process.exitValue() : -1;
            return new ProcessOutcome(started, elapsed(t0), termination, exit, null, out.text(), err.text(),
                    out.truncated() || err.truncated());
        } finally {
            out.close();
            err.close();
        }
    }

    private static void writeStdin(Process process, byte[] stdin) {
        if (stdin.length == 0) {
            return;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // The program exited or closed stdin without reading: its exit code will say why.
            LOG.debug("stdin of pid {} closed early: {}", process.pid(), e.getMessage());
        }
    }

    private ProcessOutcome.Termination awaitExit(Process process, ProcessSpec spec, long t0, OutputCapture out,
            OutputCapture err) {
        long deadline = t0 + spec.timeout().toNanos();
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    killTree(process, spec.killGrace(), out, err);
                    return ProcessOutcome.Termination.TIMED_OUT;
                }
                if (process.waitFor(Math.min(POLL_NANOS, remaining), TimeUnit.NANOSECONDS)) {
                    return ProcessOutcome.Termination.EXITED;
                }
                out.drain();
                err.drain();
            }
        } catch (InterruptedException e) {
            killTree(process, spec.killGrace(), out, err);
            Thread.currentThread().interrupt();
            return ProcessOutcome.Termination.CANCELLED;
        }
    }

    /**
     * TERM to the group and every known descendant, wait up to the grace period for all of them,
     * then KILL whatever is left. Runs to the end even if the thread is interrupted meanwhile.
     */
    private static void killTree(Process process, Duration grace, OutputCapture out, OutputCapture err) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        long pid = process.pid();
        if (ProcessGroups.hasOwnGroup()) {
            ProcessGroups.signalGroup(pid, ProcessGroups.SIGTERM);
        }
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        long graceEnd = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        while (System.nanoTime() < graceEnd && (process.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
            try {
                process.waitFor(POLL_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
            out.drain();
            err.drain();
            process.descendants().filter(h -> !tree.contains(h)).forEach(tree::add);
        }
        if (ProcessGroups.hasOwnGroup()) {
            ProcessGroups.signalGroup(pid, ProcessGroups.SIGKILL);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration elapsed(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
