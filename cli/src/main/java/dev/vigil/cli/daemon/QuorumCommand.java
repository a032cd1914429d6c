package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code vigil quorum status|override}: this partition's quorum, like {@code corosync-quorumtool}. */
@Command(name = "quorum", mixinStandardHelpOptions = true,
        description = {"This partition's quorum, through the local daemon.",
                "Each node has one vote; a quorum server (ha.cf quorum_server) gives one more to the partition "
                        + "it chooses. A partition has quorum with more than half of the expected votes "
                        + "(two-node mode: one of two). Without quorum the cluster property no-quorum-policy "
                        + "applies (stop, freeze, ignore, demote, fence; default stop)."})
public final class QuorumCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil quorum: name an action (status, override)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show whether this partition has quorum: votes, expected and needed votes, members, "
                    + "two-node mode and wait-for-all, the quorum server (connected? who holds its vote? its "
                    + "last word, e.g. why a connection fails) and any override.",
                    "Exits 0 with quorum, 1 without it (or while waiting for the quorum server's vote), 4 when "
                            + "the daemon cannot be reached."})
    int status(@Mixin SocketOption socket,
            @Option(names = "--output-as", paramLabel = "FORMAT", defaultValue = "text",
                    description = "text or json.") String format) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode q;
        try (ControlClient client = ControlClient.connect(socket.path())) {
            q = client.call("quorum-status", new ObjectMapper().createObjectNode());
        } catch (ControlException e) {
            spec.commandLine().getErr().println("vigil quorum status: " + e.getMessage());
            return StatusCommand.UNREACHABLE;
        }
        if (format.equals("json")) {
            out.println(q.toPrettyString());
        } else {
            out.print(QuorumJson.text(q));
        }
        return q.path("quorate").asBoolean() ? ExitCodes.OK : ExitCodes.INVALID_CONFIG;
    }

    @Command(name = "override", mixinStandardHelpOptions = true,
            description = {"Grant this partition quorum by hand, as an operator who knows the other nodes are "
                    + "down (say a site burned down along with the quorum server): it runs resources again. "
                    + "Logged as a warning with who and when; 'vigil quorum status' shows it. It lasts until "
                    + "--off or until every node is a member again. Refused when every node is already a member.",
                    "DANGER: if the other partition still runs, both run the resources.",
                    "Exits 0 when done, 1 when refused, 4 when the daemon cannot be reached."})
    int override(@Mixin SocketOption socket,
            @Option(names = "--off", description = "Revoke the override.") boolean off) {
        try (ControlClient client = ControlClient.connect(socket.path())) {
            JsonNode r = client.call("quorum-override", new ObjectMapper().createObjectNode().put("off", off));
            spec.commandLine().getOut().println(r.path("message").asText("Done."));
            return ExitCodes.OK;
        } catch (ControlException e) {
            spec.commandLine().getErr().println("vigil quorum override: " + e.getMessage());
            return e.code().equals(ControlException.INVALID) || e.code().equals(ControlException.NOT_FOUND)
                    ? ExitCodes.INVALID_CONFIG : e.code().equals(ControlException.BAD_REQUEST) ? ExitCodes.USAGE
                    : StatusCommand.UNREACHABLE;
        }
    }
}
