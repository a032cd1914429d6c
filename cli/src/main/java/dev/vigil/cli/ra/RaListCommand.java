package dev.vigil.cli.ra;

import dev.vigil.cli.ExitCodes;
import dev.vigil.core.port.ResourceAgentId;
import dev.vigil.resourceagents.AgentCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ra list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List installed agents as CLASS:PROVIDER:TYPE (OCF) or CLASS:TYPE (LSB), one per line.",
                "Examples: 'vigil ra list', 'vigil ra list ocf', 'vigil ra list ocf:heartbeat', 'vigil ra list lsb'."})
public final class RaListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLASS[:PROVIDER]",
            description = "Only agents of this class (ocf, lsb), optionally of one OCF provider.")
    String filter;

    @Option(names = "--classes", description = "List the supported classes instead.")
    boolean classes;

    @Option(names = "--providers", description = "List the OCF providers instead.")
    boolean providers;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentCatalog catalog = new AgentCatalog(AgentsHome.cliSettings(System.getenv()));
        if (classes) {
            catalog.standards().forEach(out::println);
            return ExitCodes.OK;
        }
        if (providers) {
            catalog.providers().forEach(out::println);
            return ExitCodes.OK;
        }
        String standard = null;
        String provider = null;
        if (filter != null) {
            String[] parts = filter.split(":", -1);
            standard = parts[0];
            provider = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
            if (!catalog.standards().contains(standard) || parts.length > 2
                    || (provider != null && !standard.equals(AgentCatalog.OCF))) {
                err.println("vigil ra list: unknown class or provider '" + filter + "' (classes: "
                        + String.join(", ", catalog.standards()) + "; OCF providers: ocf:PROVIDER)");
                return ExitCodes.USAGE;
            }
            if (provider != null && !catalog.providers().contains(provider)) {
                err.println("vigil ra list: no OCF provider '" + provider + "' is installed (installed: "
                        + String.join(", ", catalog.providers()) + ")");
                return ExitCodes.BAD_INPUT;
            }
        }
        List<ResourceAgentId> agents = catalog.list(standard, provider);
        agents.forEach(a -> out.println(a));
        return ExitCodes.OK;
    }
}
