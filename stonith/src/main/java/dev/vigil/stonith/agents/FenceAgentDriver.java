package dev.vigil.stonith.agents;

import dev.vigil.resourceagents.process.ProcessOutcome;
import dev.vigil.resourceagents.process.ProcessRunner;
import dev.vigil.resourceagents.process.ProcessSpec;
import dev.vigil.stonith.spi.DurationText;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Bridges one fence-agents executable ({@code /usr/sbin/fence_*}) into the driver SPI. The agent
 * is run once per action with its parameters as {@code key=value} lines on standard input, in its
 * own process group, and killed (the whole group) when the action's timeout runs out. Its
 * metadata ({@code action=metadata}) is read once, on first use, and tells which actions and
 * which target parameter ({@code plug} or {@code port}) it supports. Thread-safe.
 */
public final class FenceAgentDriver implements FenceDriver {
    static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");
    static final Duration KILL_GRACE = Duration.ofSeconds(2);
    static final int OUTPUT_LIMIT = 64 * 1024;

    private final Path executable;
    private final Duration metadataTimeout;
    private final ProcessRunner runner = new ProcessRunner();
    private DriverMetadata metadata;

    /**
     * @param executable the agent, e.g. {@code /usr/sbin/fence_ipmilan}
     * @param metadataTimeout how long the agent may take to print its metadata
     */
    public FenceAgentDriver(Path executable, Duration metadataTimeout) {
        this.executable = Objects.requireNonNull(executable, "executable").toAbsolutePath();
        this.metadataTimeout = Objects.requireNonNull(metadataTimeout, "metadataTimeout");
    }

    @Override
    public String name() {
        return executable.getFileName().toString();
    }

    public Path executable() {
        return executable;
    }

    /**
     * Runs the agent's {@code metadata} action the first time and remembers the answer.
     *
     * @throws IllegalStateException when the agent cannot be run or prints no valid metadata
     */
    @Override
    public synchronized DriverMetadata metadata() {
        if (metadata == null) {
            ProcessOutcome out;
            try {
                out = run("action=metadata\n", metadataTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("fence agent " + executable + ": interrupted while reading metadata");
            }
            if (out.termination() != ProcessOutcome.Termination.EXITED || out.exitCode() != 0) {
                throw new IllegalStateException("fence agent " + executable + " could not print its metadata: "
                        + describeFailure(out, "metadata", metadataTimeout));
            }
            try {
                metadata = AgentMetadataParser.parse(out.stdout(), executable.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return metadata;
    }

    @Override
    public FenceDevice create(DeviceConfig config, DriverContext context) {
        DriverMetadata md;
        try {
            md = metadata();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(config.describe() + " cannot be used: " + e.getMessage(), e);
        }
        return new FenceAgentDevice(config, this, md);
    }

    /** Runs the agent with {@code stdin}; throws InterruptedException when the caller was interrupted. */
    ProcessOutcome run(String stdin, Duration timeout) throws InterruptedException {
        ProcessSpec spec = new ProcessSpec(java.util.List.of(executable.toString()), ENVIRONMENT, Path.of("/"),
                stdin.getBytes(StandardCharsets.UTF_8), timeout, KILL_GRACE, OUTPUT_LIMIT);
        ProcessOutcome out = runner.run(spec);
        if (out.termination() == ProcessOutcome.Termination.CANCELLED || Thread.interrupted()) {
            throw new InterruptedException("fence agent " + name() + " was stopped");
        }
        return out;
    }

    /** Says why a run that did not exit with 0 failed. */
    String describeFailure(ProcessOutcome out, String action, Duration timeout) {
        switch (out.termination()) {
            case TIMED_OUT:
                return "did not finish '" + action + "' within " + DurationText.format(timeout)
                        + "; its process group was killed";
            case NOT_STARTED:
                return "could not be started: " + out.launchError();
            default:
                return "'" + action + "' exited with code " + out.exitCode() + ": "
                        + AgentMessages.reason(out.stdout(), out.stderr());
        }
    }
}
