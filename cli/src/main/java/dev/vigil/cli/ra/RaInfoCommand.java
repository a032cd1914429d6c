package dev.vigil.cli.ra;

import dev.vigil.cli.ExitCodes;
import dev.vigil.core.port.ResourceAgentId;
import dev.vigil.resourceagents.LocalAgentExecutor;
import dev.vigil.resourceagents.metadata.ActionSpec;
import dev.vigil.resourceagents.metadata.AgentMetadata;
import dev.vigil.resourceagents.metadata.ParameterSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ra info}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show an agent's description, parameters (type, default, required, unique) and actions",
                "(default timeouts and intervals) from its meta-data. Example: 'vigil ra info ocf:heartbeat:IPaddr2'."})
public final class RaInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AGENT", description = "CLASS:PROVIDER:TYPE or lsb:NAME.")
    String agentName;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ResourceAgentId agent;
        try {
            agent = ResourceAgentId.parse(agentName);
        } catch (IllegalArgumentException e) {
            err.println("vigil ra info: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        AgentMetadata md;
        try (LocalAgentExecutor executor = new LocalAgentExecutor(AgentsHome.cliSettings(System.getenv()))) {
            md = executor.metadata(agent);
        } catch (IllegalArgumentException e) {
            err.println("vigil ra info: " + e.getMessage());
            return e.getMessage().contains("not installed") ? 5 : ExitCodes.BAD_INPUT;
        }
        render(out, agent, md);
        return ExitCodes.OK;
    }

    static void render(PrintWriter out, ResourceAgentId agent, AgentMetadata md) {
        out.println(agent + (md.shortDesc().isEmpty() ? "" : " - " + md.shortDesc()));
        if (!md.longDesc().isEmpty() && !md.longDesc().equals(md.shortDesc())) {
            out.println();
            for (String line : md.longDesc().split("\n")) {
                out.println("  " + line.strip());
            }
        }
        out.println();
        out.println("Parameters (* required, [unique], {reloadable}):");
        if (md.parameters().isEmpty()) {
            out.println("  (none)");
        }
        for (ParameterSpec p : md.parameters()) {
            List<String> tags = new ArrayList<>();
            tags.add(p.type());
            if (p.defaultValue() != null) {
                tags.add("default \"" + p.defaultValue() + "\"");
            }
            if (!p.options().isEmpty()) {
                tags.add("one of " + String.join("|", p.options()));
            }
            out.println("  " + p.name() + (p.required() ? " *" : "") + (p.unique() ? " [unique]" : "")
                    + (p.reloadable() ? " {reloadable}" : "") + (p.deprecated() ? " (deprecated)" : "")
                    + " (" + String.join(", ", tags) + ")");
            if (!p.shortDesc().isEmpty()) {
                out.println("      " + p.shortDesc());
            }
        }
        out.println();
        out.println("Operations' defaults:");
        for (ActionSpec a : md.actions()) {
            StringBuilder sb = new StringBuilder("  ").append(a.name());
            if (a.role() != null) {
                sb.append(" (role=").append(a.role()).append(')');
            }
            if (a.timeout() != null) {
                sb.append(" timeout=").append(seconds(a.timeout()));
            }
            if (!a.interval().isZero()) {
                sb.append(" interval=").append(seconds(a.interval()));
            }
            if (a.depth() > 0) {
                sb.append(" depth=").append(a.depth());
            }
            out.println(sb);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
