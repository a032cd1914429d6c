package dev.vigil.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.SocketOption;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.stonith.DriverRegistry;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.ParameterInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil stonith list|describe|fence|confirm|history}: like {@code stonith_admin}. */
@Command(name = "stonith", mixinStandardHelpOptions = true,
        description = {"Fence devices and fencing (like stonith_admin).",
                "'list' and 'describe' read the fence drivers installed on this machine; 'fence', 'confirm' "
                        + "and 'history' work through the local daemon. " + AdminCall.EXIT_CODES})
public final class StonithCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil stonith: name an action (list, describe, fence, confirm, history)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static DriverRegistry registry(Path plugins) {
        DriverRegistry.Builder b = DriverRegistry.builder();
        if (plugins != null && Files.isDirectory(plugins)) {
            b.pluginDirectory(plugins);
        }
        return b.build();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the fence device types this machine can use: Vigil's drivers (built-in and "
                    + "plugins) and the fence-agents programs in /usr/sbin (class=\"stonith\" type=…)."})
    int list(@Option(names = "--plugins", paramLabel = "DIR", description = "Plugin directory (default "
            + "$VIGIL_FENCE_PLUGINS, else /usr/lib/vigil/fence-drivers).") Path plugins) {
        PrintWriter out = spec.commandLine().getOut();
        try (DriverRegistry r = registry(pluginDir(plugins))) {
            for (String name : r.names()) {
                String origin = r.origin(name).map(p -> " (plugin " + p + ")").orElse("");
                out.println(name + origin);
            }
            r.installedAgents().forEach(out::println);
            r.problems().forEach(p -> spec.commandLine().getErr().println("vigil stonith list: " + p));
        }
        return ExitCodes.OK;
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = {"Show a fence device type's description and parameters (its metadata)."})
    int describe(@Parameters(paramLabel = "TYPE", description = "The type, e.g. fence_ipmilan or ssh.") String type,
            @Option(names = "--plugins", paramLabel = "DIR", description = "Plugin directory.") Path plugins) {
        PrintWriter out = spec.commandLine().getOut();
        try (DriverRegistry r = registry(pluginDir(plugins))) {
            Optional<FenceDriver> d = r.find(type);
            if (d.isEmpty()) {
                spec.commandLine().getErr().println("vigil stonith describe: " + r.explainMissing(type)
                        + "; 'vigil stonith list' shows what is installed");
                return ExitCodes.INVALID_CONFIG;
            }
            DriverMetadata md;
            try {
                md = d.get().metadata();
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("vigil stonith describe: cannot read the metadata of " + type + ": "
                        + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            out.println(md.name() + (md.shortDescription().isEmpty() ? "" : " - " + md.shortDescription()));
            if (!md.longDescription().isEmpty()) {
                out.println();
                md.longDescription().lines().forEach(l -> out.println("  " + l.strip()));
            }
            out.println();
            out.println("Actions: " + md.actions().stream().map(a -> a.name().toLowerCase()).sorted()
                    .collect(Collectors.joining(", ")));
            out.println();
            out.println("Parameters (* required):");
            for (ParameterInfo p : md.parameters()) {
                if (p.deprecated()) {
                    continue;
                }
                out.println("  " + p.name() + (p.required() ? " *" : "") + " (" + p.type()
                        + (p.defaultValue() == null || p.defaultValue().isEmpty() ? "" : ", default " + p.defaultValue())
                        + ")");
                if (!p.description().isEmpty()) {
                    out.println("      " + p.description().strip().replaceAll("\\s+", " "));
                }
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "fence", mixinStandardHelpOptions = true,
            description = {"Fence a node now with the cluster's fence devices and topology, and record it so its "
                    + "resources are recovered. Waits until fencing ends (at most 2 minutes; "
                    + "'vigil stonith history' shows the outcome of a longer one)."})
    int fence(@Mixin SocketOption socket,
            @Parameters(paramLabel = "NODE", description = "The node to fence.") String node,
            @Option(names = "--off", description = "Power the node off instead of rebooting it.") boolean off) {
        return call(socket, "stonith fence", "stonith-fence",
                AdminCall.put(AdminCall.args().put("node", node), "action", off ? "off" : "reboot"));
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = {"Tell the cluster that a node is down (you powered it off or cut it off by hand).",
                    "Completes a manual fencing that waits for it, or records the node as fenced so its resources "
                            + "are recovered. Refused while the node is a member. Confirming a node that still runs "
                            + "its resources risks running them twice: be sure."})
    int confirm(@Mixin SocketOption socket,
            @Parameters(paramLabel = "NODE", description = "The node that is down.") String node) {
        return call(socket, "stonith confirm", "stonith-confirm", AdminCall.args().put("node", node));
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"Show the cluster's fencing history (every node keeps it), oldest first."})
    int history(@Mixin SocketOption socket,
            @Option(names = "--json", description = "Print JSON.") boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode events = client.call("stonith-history", AdminCall.args());
            if (json) {
                out.println(events.toPrettyString());
                return ExitCodes.OK;
            }
            if (events.isEmpty()) {
                out.println("No fencing has happened.");
            }
            for (JsonNode e : events) {
                out.println(line(e));
            }
            return ExitCodes.OK;
        } catch (ControlException e) {
            spec.commandLine().getErr().println("vigil stonith history: " + e.getMessage());
            return AdminCall.exitCode(e.code());
        }
    }

    /** One history line, as stonith_admin --history prints it. */
    static String line(JsonNode e) {
        String status = e.path("status").asText();
        String who = e.path("target").asText();
        String action = e.path("action").asText();
        String by = e.path("executioner").asText();
        String origin = e.path("origin").asText();
        String when = e.path("finished").asText();
        return switch (status) {
            case "SUCCESS" -> "  * " + action + " of " + who + " successful: delegate=" + by + ", client=" + origin
                    + ", device=" + String.join(",", strings(e.path("devices"))) + ", completed='" + when + "'";
            case "CONFIRMED" -> "  * " + who + " confirmed down by an operator: client=" + origin + ", completed='"
                    + when + "'";
            default -> "  * " + action + " of " + who + " failed (" + status + "): delegate=" + by + ", client="
                    + origin + ", last-failed='" + when + "': " + e.path("error").asText();
        };
    }

    private static java.util.List<String> strings(JsonNode a) {
        java.util.List<String> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The same call for other commands (vigil node fence / clearstate). */
    static final class Delegate {
        private final StonithCommand command = new StonithCommand();

        Delegate(CommandSpec spec) {
            command.spec = spec;
        }

        int call(SocketOption socket, String name, String op, com.fasterxml.jackson.databind.node.ObjectNode args) {
            return command.call(socket, name, op, args);
        }
    }

    private int call(SocketOption socket, String command, String op, com.fasterxml.jackson.databind.node.ObjectNode args) {
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode result = client.call(op, args);
            spec.commandLine().getOut().println(result.path("message").asText("Done."));
            return ExitCodes.OK;
        } catch (ControlException e) {
            spec.commandLine().getErr().println("vigil " + command + ": " + e.getMessage());
            return AdminCall.exitCode(e.code());
        }
    }

    private static Path pluginDir(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv("VIGIL_FENCE_PLUGINS");
        return env == null || env.isBlank() ? Path.of("/usr/lib/vigil/fence-drivers") : Path.of(env);
    }
}
