package dev.vigil.resourceagents;

import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.resourceagents.process.ProcessOutcome;
import dev.vigil.resourceagents.process.ProcessRunner;
import dev.vigil.resourceagents.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one operation of an OCF agent: builds the OCF environment (resource-agent API 1.1),
 * runs {@code AGENT ACTION}, and maps the exit code to an {@link OcfStatus}. A code the API
 * does not define, or death by a signal, is an {@link ExecStatus#ERROR}, never trusted as a
 * result. Thread-safe (stateless apart from its settings).
 */
final class OcfAgentRunner {
    private static final String DEFAULT_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    private final ExecutorSettings settings;
    private final ProcessRunner runner;

    OcfAgentRunner(ExecutorSettings settings, ProcessRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    OperationResult run(OperationRequest request, Path agent) {
        Path attributes = null;
        try {
            attributes = settings.compatDirectory() == null ? null : attributeFile();
            Map<String, String> env = environment(request, attributes);
            ProcessSpec spec = new ProcessSpec(List.of(agent.toString(), request.action()), env, Path.of("/"),
                    new byte[0], request.timeout(), settings.killGrace(), settings.outputLimit());
            ProcessOutcome outcome = runner.run(spec);
            return toResult(request, outcome, AgentOutput.attributeUpdates(attributes));
        } finally {
            if (attributes != null) {
                try {
                    Files.deleteIfExists(attributes);
                } catch (IOException ignored) {
                    // a leftover scratch file in our private directory is harmless
                }
            }
        }
    }

    /** The environment an OCF agent sees for {@code request}. */
    Map<String, String> environment(OperationRequest request, Path attributeFile) {
        Map<String, String> env = new HashMap<>();
        settings.baseEnvironment().forEach((k, v) -> {
            if (!k.startsWith("OCF_") && !k.startsWith("VIGIL_ATTRIBUTE") && !k.equals("HA_SBIN_DIR")) {
                env.put(k, v);
            }
        });
        String path = env.getOrDefault("PATH", DEFAULT_PATH);
        if (settings.compatDirectory() != null) {
            env.put("PATH", settings.compatDirectory() + ":" + path);
            env.put("HA_SBIN_DIR", settings.compatDirectory().toString());
        } else {
            env.put("PATH", path);
        }
        env.put("OCF_ROOT", settings.ocfRoot().toString());
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");
        env.put("OCF_RESOURCE_INSTANCE", request.resourceId());
        env.put("OCF_RESOURCE_TYPE", request.agent().type());
        if (request.agent().provider() != null) {
            env.put("OCF_RESOURCE_PROVIDER", request.agent().provider());
        }
        request.params().forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
        request.meta().forEach((k, v) -> env.put("OCF_RESKEY_CRM_meta_" + k.replace('-', '_'), v));
        env.put("OCF_RESKEY_CRM_meta_timeout", Long.toString(request.timeout().toMillis()));
        env.put("OCF_RESKEY_CRM_meta_interval", Long.toString(request.interval().toMillis()));
        env.putIfAbsent("OCF_RESKEY_CRM_meta_on_node", settings.nodeName());
        if (request.checkLevel() > 0) {
            env.put("OCF_CHECK_LEVEL", Integer.toString(request.checkLevel()));
        }
        env.put("VIGIL_NODE_NAME", settings.nodeName());
        if (attributeFile != null) {
            env.put("VIGIL_ATTRIBUTE_FILE", attributeFile.toString());
        }
        return env;
    }

    static OperationResult toResult(OperationRequest request, ProcessOutcome outcome,
            List<dev.vigil.core.port.AttributeUpdate> updates) {
        String reason = AgentOutput.exitReason(outcome.stderr());
        ExecStatus exec;
        OcfStatus status;
        int code = outcome.exitCode();
        switch (outcome.termination()) {
            case TIMED_OUT -> {
                exec = ExecStatus.TIMED_OUT;
                status = OcfStatus.ERR_GENERIC;
                reason = "timed out after " + Durations.human(request.timeout())
                        + " (the agent's process group was killed)";
            }
            case CANCELLED -> {
                exec = ExecStatus.CANCELLED;
                status = OcfStatus.ERR_GENERIC;
                reason = "cancelled";
            }
            case NOT_STARTED -> {
                exec = ExecStatus.ERROR;
                status = OcfStatus.ERR_GENERIC;
                reason = "could not run the agent: " + outcome.launchError();
            }
            default -> {
                Optional<OcfStatus> mapped = OcfStatus.fromCode(code);
                Optional<String> signal = AgentOutput.signalDescription(code);
                if (mapped.isPresent()) {
                    exec = ExecStatus.DONE;
                    status = mapped.get();
                    if (reason.isEmpty() && isError(status)) {
                        // No exit reason given: the agent's last complaint on stderr is the best clue.
                        reason = AgentOutput.lastLine(outcome.stderr());
                    }
                } else if ((code == 126 || code == 127) && outcome.stderr().contains("failed to execute")) {
                    exec = ExecStatus.NOT_INSTALLED;
                    status = OcfStatus.ERR_INSTALLED;
                    reason = AgentOutput.clean("could not execute the agent: " + outcome.stderr().strip());
                } else {
                    exec = ExecStatus.ERROR;
                    status = OcfStatus.ERR_GENERIC;
                    String what = signal.map(s -> "the agent was " + s)
                            .orElse("the agent exited with " + code + ", which is not an OCF exit code");
                    reason = reason.isEmpty() ? what : what + "; it said: " + reason;
                }
            }
        }
        return new OperationResult(request, exec, status, code, reason, outcome.stdout(), outcome.stderr(),
                outcome.truncated(), outcome.started(), outcome.duration(), updates);
    }

    private static boolean isError(OcfStatus s) {
        return s != OcfStatus.SUCCESS && s != OcfStatus.NOT_RUNNING && s != OcfStatus.RUNNING_PROMOTED
                && s != OcfStatus.DEGRADED && s != OcfStatus.DEGRADED_PROMOTED;
    }

    private Path attributeFile() {
        try {
            Files.createDirectories(settings.workDirectory());
            return Files.createTempFile(settings.workDirectory(), "attrs-", ".tsv",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a scratch file in " + settings.workDirectory() + ": "
                    + e.getMessage(), e);
        }
    }
}
