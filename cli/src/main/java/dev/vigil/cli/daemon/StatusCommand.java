package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil status}: the cluster as the local daemon sees it, like {@code crm_mon -1}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster as the local daemon sees it (like crm_mon -1): DC, CIB version, links,",
                "nodes, resources with their roles and nodes, failed actions and fail counts, and warnings.",
                "Exits 4 when the daemon cannot be reached."})
public final class StatusCommand implements Callable<Integer> {
    /** Exit status when the local daemon cannot be reached. */
    public static final int UNREACHABLE = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    SocketOption socket;

    @Option(names = "--output-as", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode status;
        try (ControlClient client = ControlClient.connect(socket.path())) {
            status = client.call("status");
        } catch (ControlException e) {
            err.println("vigil status: " + e.getMessage());
            return UNREACHABLE;
        }
        if (format.equals("json")) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
        } else {
            out.print(StatusText.render(status));
        }
        return ExitCodes.OK;
    }
}
