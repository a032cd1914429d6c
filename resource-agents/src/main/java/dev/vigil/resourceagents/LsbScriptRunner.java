package dev.vigil.resourceagents;

import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.resourceagents.process.ProcessOutcome;
import dev.vigil.resourceagents.process.ProcessRunner;
import dev.vigil.resourceagents.process.ProcessSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an LSB init script ({@code SCRIPT start|stop|status}) and maps LSB's codes to OCF
 * results. {@code monitor} runs {@code status}, whose codes differ from the others' (0 running;
 * 1, 2, 3 not running; 4 unknown). Because many init scripts bend the LSB rules, a failed stop
 * whose {@code status} then says "not running" counts as a successful stop, and a failed start
 * whose {@code status} says "running" as a successful start. Thread-safe.
 */
final class LsbScriptRunner {
    private final ExecutorSettings settings;
    private final ProcessRunner runner;

    LsbScriptRunner(ExecutorSettings settings, ProcessRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    OperationResult run(OperationRequest request, java.nio.file.Path script) {
        String action = request.action().equals("monitor") ? "status" : request.action();
        long t0 = System.nanoTime();
        ProcessOutcome outcome = runScript(script, action, request.timeout());
        OperationResult result = toResult(request, outcome, action.equals("status"));
        boolean start = action.equals("start");
        boolean stop = action.equals("stop");
        if ((start || stop) && result.execStatus() == ExecStatus.DONE && result.status() != OcfStatus.SUCCESS) {
            Duration left = request.timeout().minus(Duration.ofNanos(System.nanoTime() - t0));
            if (!left.isNegative() && !left.isZero()) {
                ProcessOutcome check = runScript(script, "status", left);
                if (check.termination() == ProcessOutcome.Termination.EXITED) {
                    int sc = check.exitCode();
                    boolean running = sc == 0;
                    boolean stopped = sc == 1 || sc == 2 || sc == 3;
                    if ((start && running) || (stop && stopped)) {
                        return new OperationResult(request, ExecStatus.DONE, OcfStatus.SUCCESS, result.exitCode(),
                                action + " returned " + result.exitCode() + " but status says the service is "
                                        + (running ? "running" : "stopped"),
                                result.output(), result.errorOutput(), result.outputTruncated(), result.started(),
                                Duration.ofNanos(System.nanoTime() - t0), List.of());
                    }
                }
            }
        }
        return result;
    }

    private ProcessOutcome runScript(java.nio.file.Path script, String action, Duration timeout) {
        Map<String, String> env = new HashMap<>();
        settings.baseEnvironment().forEach((k, v) -> {
            if (!k.startsWith("OCF_")) {
                env.put(k, v);
            }
        });
        env.putIfAbsent("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        ProcessSpec spec = new ProcessSpec(List.of(script.toString(), action), env, java.nio.file.Path.of("/"),
                new byte[0], timeout, settings.killGrace(), settings.outputLimit());
        return runner.run(spec);
    }

    static OperationResult toResult(OperationRequest request, ProcessOutcome outcome, boolean isStatus) {
        if (outcome.termination() != ProcessOutcome.Termination.EXITED) {
            return OcfAgentRunner.toResult(request, outcome, List.of());
        }
        int code = outcome.exitCode();
        Optional<OcfStatus> mapped = isStatus ? statusCode(code) : actionCode(code);
        if (mapped.isPresent()) {
            String reason = isStatus && code == 4 ? "the init script's status is unknown (4)" : "";
            return new OperationResult(request, ExecStatus.DONE, mapped.get(), code, reason, outcome.stdout(),
                    outcome.stderr(), outcome.truncated(), outcome.started(), outcome.duration(), List.of());
        }
        String what = AgentOutput.signalDescription(code).map(s -> "the init script was " + s)
                .orElse("the init script exited with " + code + ", which is not an LSB exit code for "
                        + (isStatus ? "status" : request.action()));
        return new OperationResult(request, ExecStatus.ERROR, OcfStatus.ERR_GENERIC, code, what, outcome.stdout(),
                outcome.stderr(), outcome.truncated(), outcome.started(), outcome.duration(), List.of());
    }

    /** LSB status codes: 0 running, 1-3 not running (dead with pid file, dead with lock, stopped), 4 unknown. */
    private static Optional<OcfStatus> statusCode(int code) {
        return switch (code) {
            case 0 -> Optional.of(OcfStatus.SUCCESS);
            case 1, 2, 3 -> Optional.of(OcfStatus.NOT_RUNNING);
            case 4 -> Optional.of(OcfStatus.ERR_GENERIC);
            default -> Optional.empty();
        };
    }

    /** LSB codes of the other actions (0-7) mean what the OCF codes with the same numbers mean. */
    private static Optional<OcfStatus> actionCode(int code) {
        return code >= 0 && code <= 7 ? OcfStatus.fromCode(code) : Optional.empty();
    }
}
