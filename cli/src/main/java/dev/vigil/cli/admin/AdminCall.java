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
import picocli.CommandLine.Model.CommandSpec;

/**
 * One administration request to the local daemon: prints the daemon's message (and the new CIB
 * version) or one error line, and returns the exit code: 0 done, 1 refused (invalid change,
 * unknown resource or node), 2 a wrong argument, 4 the daemon cannot be reached or did not answer.
 * Stateless.
 */
final class AdminCall {
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode result = client.call(op, args);
            out.println(result.path("message").asText("Done."));
            out.println((result.path("changed").asBoolean(true) ? "CIB updated to version " : "CIB unchanged at version ")
                    + result.path("version").asText());
            return ExitCodes.OK;
        } catch (ControlException e) {
            err.println("vigil " + command + ": " + e.getMessage());
            return exitCode(e.code());
        }
    }

    static int exitCode(String code) {
        return switch (code) {
            case ControlException.INVALID, ControlException.NOT_FOUND -> ExitCodes.INVALID_CONFIG;
            case ControlException.BAD_REQUEST -> ExitCodes.USAGE;
            default -> StatusCommand.UNREACHABLE;
        };
    }
}
