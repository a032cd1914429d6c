package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil cib query|replace|modify|delete|diff}: the live CIB through the local daemon. */
@Command(name = "cib", mixinStandardHelpOptions = true,
        description = {"Read or change the live CIB through the local daemon. Changes go through the DC, are",
                "validated first (an invalid change is refused and nothing changes) and reach every node.",
                "  query            print the whole CIB (replay it offline: vigil simulate -x FILE)",
                "  replace FILE     replace the configuration section with FILE's",
                "  modify FILE      add or replace elements by id (FILE: a section such as",
                "                   <constraints>...</constraints>, or one element with an id)",
                "  delete ID        delete the configuration element ID (and simple constraints on it)",
                "  diff A B         compare two CIB files' configurations (offline; exit 1 when they differ)",
                "  patch FILE       apply such a diff to the live configuration (all of it, or nothing)",
                "--dry-run shows the transition a change would cause without making it; --xpath X prints",
                "only the parts of the CIB that X selects."})
public final class CibCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SocketOption socket;

    @Parameters(index = "0", paramLabel = "ACTION", description = "query, replace, modify or delete.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ARG", description = "FILE or ID.")
    String argument;

    @Parameters(index = "2", arity = "0..1", paramLabel = "FILE2", description = "The second file of diff.")
    String second;

    @Option(names = "--xpath", paramLabel = "X", description = "query: print only what this XPath selects.")
    String xpath;

    @Mixin
    dev.vigil.cli.admin.DryRunOption dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode args = new ObjectMapper().createObjectNode();
        String op;
        if (action.equals("diff")) {
            return CibDiff.run(argument, second, out, err);
        }
        if (action.equals("patch")) {
            return dev.vigil.cli.configure.CibPatch.run(spec, socket.path(), argument, dryRun);
        }
        try {
            switch (action) {
                case "query" -> op = "cib-query";
                case "replace", "modify" -> {
                    op = "cib-" + action;
                    args.put("xml", Files.readString(Path.of(required())));
                }
                case "delete" -> {
                    op = "cib-delete";
                    args.put("id", required());
                }
                default -> {
                    err.println("vigil cib: unknown action '" + action + "' (query, replace, modify, delete, diff, patch)");
                    return ExitCodes.USAGE;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("vigil cib " + action + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("vigil cib " + action + ": cannot read " + argument + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (!op.equals("cib-query")) {
            args.put("command", "vigil cib " + action + (argument == null ? "" : " " + argument));
            if (dryRun.enabled()) {
                args.put("dry_run", true);
            }
        }
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode result = client.call(op, args);
            if (op.equals("cib-query")) {
                if (xpath == null) {
                    out.print(result.asText());
                } else {
                    return CibDiff.xpath(result.asText(), xpath, out, err);
                }
            } else if (result.path("dry_run").asBoolean(false)) {
                out.println(result.path("message").asText());
            } else {
                out.println("CIB updated to version " + result.path("version").asText());
            }
            return ExitCodes.OK;
        } catch (ControlException e) {
            err.println("vigil cib " + action + ": " + e.getMessage());
            return e.code().equals(ControlException.INVALID) ? ExitCodes.INVALID_CONFIG : StatusCommand.UNREACHABLE;
        }
    }

    private String required() {
        if (argument == null) {
            throw new IllegalArgumentException("missing " + (action.equals("delete") ? "ID" : "FILE"));
        }
        return argument;
    }
}
