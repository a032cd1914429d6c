package dev.vigil.cli.admin;

import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.SocketOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil node standby|online}: like {@code crm_standby}, through the local daemon. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Put a node in standby or bring it back online (like crm_standby).",
                "Works through the local daemon by setting the permanent node attribute standby=on/off. "
                        + AdminCall.EXIT_CODES})
public final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil node: name an action (standby, online)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "standby", mixinStandardHelpOptions = true,
            description = {"Put a node in standby: its resources move to other nodes or stop.",
                    "NODE defaults to the local daemon's node. Lasts until 'vigil node online', restarts "
                            + "included."})
    int standby(@Mixin SocketOption socket,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "The node.") String node) {
        return AdminCall.run(spec, socket, "node standby", "node-standby", AdminCall.put(AdminCall.args(), "node", node));
    }

    @Command(name = "online", mixinStandardHelpOptions = true,
            description = {"Bring a node out of standby: it may run resources again.",
                    "NODE defaults to the local daemon's node. Resources with stickiness stay where they are."})
    int online(@Mixin SocketOption socket,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "The node.") String node) {
        return AdminCall.run(spec, socket, "node online", "node-online", AdminCall.put(AdminCall.args(), "node", node));
    }
}
