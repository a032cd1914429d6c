package dev.vigil.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.SocketOption;
import dev.vigil.cli.daemon.StatusCommand;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One administration request to the local daemon: prints the daemon's message (and the new CIB
 * version) or one error line, and returns the exit code: 0 done, 1 refused (invalid change,
 * unknown resource or node), 2 a wrong argument, 4 the daemon cannot be reached or did not answer.
 * Stateless.
 */
public final class AdminCall {
    static final String EXIT_CODES = "Exits 1 when the daemon refuses the change or does not know the resource "
            + "or node, 2 on a wrong argument, 4 when the daemon cannot be reached.";

    private AdminCall() {
    }

    static ObjectNode args() {
        return new ObjectMapper().createObjectNode();
    }

    /** Puts {@code value} under {@code name} unless it is null. */
    static ObjectNode put(ObjectNode args, String name, String value) {
        return value == null ? args : args.put(name, value);
    }

    static int run(CommandSpec spec, SocketOption socket, String command, String op, ObjectNode args) {
        return run(spec, socket, null, command, op, args);
    }

    /** The command line as typed, for the configuration history ({@code vigil history}). */
    public static String commandText(CommandSpec spec) {
        picocli.CommandLine.ParseResult r = spec.root().commandLine().getParseResult();
        List<String> words = new ArrayList<>();
        words.add("vigil");
        if (r != null) {
            List<String> original = r.originalArgs();
            for (int i = 0; i < original.size(); i++) {
                String w = original.get(i);
                if (w.equals("--socket")) {
                    i++; // where the socket is says nothing about the change
                } else if (!w.startsWith("--socket=")) {
                    words.add(w.isEmpty() || w.matches(".*[\\s'\"].*") ? "'" + w.replace("'", "'\\''") + "'" : w);
                }
            }
        }
        return String.join(" ", words);
    }

    static int run(CommandSpec spec, SocketOption socket, DryRunOption dryRun, String command, String op,
            ObjectNode args) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        args.put("command", commandText(spec));
        boolean preview = dryRun != null && dryRun.enabled();
        if (preview) {
            args.put("dry_run", true);
        }
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode result = client.call(op, args);
            out.println(result.path("message").asText("Done."));
            if (preview) {
                return ExitCodes.OK;
            }
            out.println((result.path("changed").asBoolean(true) ? "CIB updated to version " : "CIB unchanged at version ")
                    + result.path("version").asText());
            return ExitCodes.OK;
        } catch (ControlException e) {
            err.println("vigil " + command + ": " + e.getMessage());
            return exitCode(e.code());
        }
    }

    public static int exitCode(String code) {
        return switch (code) {
            case ControlException.INVALID, ControlException.NOT_FOUND -> ExitCodes.INVALID_CONFIG;
            case ControlException.BAD_REQUEST -> ExitCodes.USAGE;
            default -> StatusCommand.UNREACHABLE;
        };
    }
}
