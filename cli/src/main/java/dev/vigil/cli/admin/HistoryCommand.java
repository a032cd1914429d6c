package dev.vigil.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.SocketOption;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil history}: every configuration change, with time, user and command. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the configuration changes this node has seen, oldest first: the version",
                "(admin_epoch.epoch), when, who, the command and the node it ran on. Every node keeps",
                "the history (changes made anywhere reach it with the CIB). 'vigil rollback VERSION'",
                "restores a configuration. " + AdminCall.EXIT_CODES})
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SocketOption socket;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode entries = client.call("history", AdminCall.args());
            if (json) {
                out.println(entries.toPrettyString());
                return ExitCodes.OK;
            }
            out.printf("%-9s %-26s %-10s %-8s %s%n", "VERSION", "WRITTEN", "USER", "NODE", "COMMAND");
            for (JsonNode e : entries) {
                out.printf("%-9s %-26s %-10s %-8s %s%n", e.path("version").asText(), dash(e.path("written").asText()),
                        dash(e.path("user").asText()), dash(e.path("origin").asText()), dash(e.path("command").asText()));
            }
            return ExitCodes.OK;
        } catch (ControlException e) {
            spec.commandLine().getErr().println("vigil history: " + e.getMessage());
            return AdminCall.exitCode(e.code());
        }
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
