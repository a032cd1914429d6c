package dev.vigil.cli.ra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.cli.ExitCodes;
import dev.vigil.core.model.Durations;
import dev.vigil.core.port.AttributeUpdate;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.port.ResourceAgentId;
import dev.vigil.resourceagents.LocalAgentExecutor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ra exec}. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run one action of an agent on this node, as the cluster would, and print the result",
                "name, exit code, exit reason and duration. The agent gets the OCF environment",
                "(OCF_RESKEY_<param>, OCF_RESKEY_CRM_meta_<meta>, timeout and interval in ms); required",
                "parameters are checked against its meta-data first; on timeout its whole process group is killed.",
                "Example: vigil ra exec ocf:heartbeat:Dummy start -p state=/tmp/d.state"},
        footerHeading = "%nExit status:%n",
        footer = {"  the agent's OCF exit code (0 ok, 1 error, 2 bad argument, 3 unimplemented, 4 no permission,",
                "  5 not installed, 6 not configured, 7 not running, 8 promoted, 9 failed promoted, 190/191",
                "  degraded); 124 when the action timed out; 1 when the agent exited with a code that is not an",
                "  OCF code or was killed by a signal; 2 also for wrong usage of this command."})
public final class RaExecCommand implements Callable<Integer> {
    /** Exit status for a timed-out action, as timeout(1) uses. */
    public static final int TIMED_OUT = 124;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "CLASS:PROVIDER:TYPE or lsb:NAME.")
    String agentName;

    @Parameters(index = "1", paramLabel = "ACTION",
            description = "start, stop, monitor, promote, demote, notify, migrate_to, migrate_from, reload, "
                    + "reload-agent, validate-all, meta-data (LSB: start, stop, status, monitor, restart).")
    String action;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Instance attribute (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-m", "--meta"}, paramLabel = "NAME=VALUE",
            description = "Meta attribute, passed as OCF_RESKEY_CRM_meta_NAME (repeatable).")
    Map<String, String> meta = new LinkedHashMap<>();

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "20s",
            description = "Time limit (default ${DEFAULT-VALUE}); accepts 20, 20s, 1m, 500ms, PT20S.")
    String timeout;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "0",
            description = "Interval the agent is told (OCF_RESKEY_CRM_meta_interval) for a monitor; runs once.")
    String interval;

    @Option(names = "--check-level", paramLabel = "N", defaultValue = "0",
            description = "OCF_CHECK_LEVEL for a deep monitor.")
    int checkLevel;

    @Option(names = {"-r", "--resource"}, paramLabel = "ID",
            description = "Resource id given to the agent as OCF_RESOURCE_INSTANCE (default: the agent's type).")
    String resource;

    @Option(names = "--output-as", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    String format;

    @Option(names = {"-V", "--verbose"}, description = "Also print the agent's standard output and error.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OperationRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            err.println("vigil ra exec: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!format.equals("text") && !format.equals("json")) {
            err.println("vigil ra exec: unknown output format '" + format + "' (use text or json)");
            return ExitCodes.USAGE;
        }
        OperationResult result;
        try (LocalAgentExecutor executor = new LocalAgentExecutor(AgentsHome.cliSettings(System.getenv()))) {
            result = executor.execute(request).get();
        }
        if (format.equals("json")) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(result)));
        } else if (action.equals("meta-data") && result.isSuccess()) {
            out.print(result.output());
        } else {
            renderText(out, result);
        }
        return exitStatus(result);
    }

    private OperationRequest request() {
        ResourceAgentId agent = ResourceAgentId.parse(agentName);
        Duration limit = Duration.ofMillis(Durations.parseMillis(timeout));
        Duration every = Duration.ofMillis(Durations.parseMillis(interval));
        String id = resource == null ? agent.type() : resource;
        return new OperationRequest(id, agent, action, every, limit, params, meta, checkLevel);
    }

    static int exitStatus(OperationResult r) {
        return switch (r.execStatus()) {
            case DONE, NOT_INSTALLED, INVALID -> r.status().code();
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED, ERROR -> 1;
        };
    }

    private void renderText(PrintWriter out, OperationResult r) {
        OperationRequest q = r.request();
        String outcome = r.execStatus() == ExecStatus.DONE ? r.status().description()
                : r.execStatus().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String code = r.exitCode() >= 0 ? "rc=" + r.exitCode() : "no exit code";
        out.printf(Locale.ROOT, "%s %s (%s): %s (%s) in %.3fs%n", q.agent(), q.action(), q.resourceId(), outcome,
                code, r.duration().toNanos() / 1e9);
        if (!r.exitReason().isEmpty()) {
            out.println("  reason: " + r.exitReason());
        }
        for (AttributeUpdate u : r.attributeUpdates()) {
            out.println("  attribute " + (u.isDelete() ? "deleted: " + u.name() : "set: " + u.name() + "=" + u.value())
                    + " (" + u.lifetime() + (u.node() == null ? "" : ", node " + u.node()) + ")");
        }
        if (r.outputTruncated()) {
            out.println("  (the agent's output was cut to the executor's limit)");
        }
        boolean showOutput = verbose || (r.execStatus() != ExecStatus.DONE || !r.isSuccess())
                && r.execStatus() != ExecStatus.INVALID && r.execStatus() != ExecStatus.NOT_INSTALLED;
        if (showOutput && !(r.status().code() == 7 && r.execStatus() == ExecStatus.DONE && !verbose)) {
            printIndented(out, "stdout", r.output());
            printIndented(out, "stderr", r.errorOutput());
        }
    }

    private static void printIndented(PrintWriter out, String label, String text) {
        if (text.isBlank()) {
            return;
        }
        out.println("  " + label + ":");
        text.lines().limit(200).forEach(l -> out.println("    " + l));
    }

    private static Map<String, Object> json(OperationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.request().agent().toString());
        m.put("resource", r.request().resourceId());
        m.put("action", r.request().action());
        m.put("operation_key", r.request().key());
        m.put("exec_status", r.execStatus().name().toLowerCase(Locale.ROOT));
        m.put("result", r.status().name().toLowerCase(Locale.ROOT));
        m.put("description", r.status().description());
        m.put("rc", r.exitCode());
        m.put("exit_reason", r.exitReason());
        m.put("duration_ms", r.duration().toMillis());
        m.put("stdout", r.output());
        m.put("stderr", r.errorOutput());
        m.put("output_truncated", r.outputTruncated());
        m.put("attributes", r.attributeUpdates().stream().map(u -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", u.name());
            a.put("value", u.value());
            a.put("lifetime", u.lifetime());
            a.put("node", u.node());
            return a;
        }).toList());
        return m;
    }
}
