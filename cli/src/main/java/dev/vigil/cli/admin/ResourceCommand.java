package dev.vigil.cli.admin;

import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.SocketOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil resource move|clear|cleanup|start|stop}: like {@code crm_resource}, through the local daemon. */
@Command(name = "resource", mixinStandardHelpOptions = true,
        description = {"Move, clear, clean up, start or stop resources (like crm_resource).",
                "Works through the local daemon: changes go through the DC, are validated first and reach every "
                        + "node. " + AdminCall.EXIT_CODES})
public final class ResourceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil resource: name an action (move, clear, cleanup, start, stop)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "move", aliases = "migrate", mixinStandardHelpOptions = true,
            description = {"Move a resource to a node, or away from the node where it runs.",
                    "With NODE: creates the location constraint cli-prefer-RSC (score INFINITY on NODE), removing "
                            + "a ban from NODE first. Without NODE: moves RSC away from the one node where it runs "
                            + "by creating cli-ban-RSC-on-NODE (score -INFINITY), which holds even if that node is "
                            + "the last one left. The constraint stays until 'vigil resource clear RSC', or until "
                            + "--lifetime has passed (the cluster notices at its next recheck)."})
    int move(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc,
            @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "The node to move it to.")
            String node,
            @Option(names = {"-u", "--lifetime"}, paramLabel = "DURATION",
                    description = "How long the constraint applies: ISO-8601 (PT10M, P1D) or 10m, 1h, 2d.")
            String lifetime) {
        return AdminCall.run(spec, socket, "resource move", "resource-move",
                AdminCall.put(AdminCall.put(AdminCall.args().put("resource", rsc), "node", node), "lifetime", lifetime));
    }

    @Command(name = "clear", aliases = "unmigrate", mixinStandardHelpOptions = true,
            description = {"Remove the constraints 'vigil resource move' created.",
                    "Removes cli-prefer-RSC and every cli-ban-RSC-on-*; with NODE only the ban from NODE and a "
                            + "preference for NODE. Having nothing to remove is not an error."})
    int clear(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc,
            @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "Only constraints about NODE.")
            String node) {
        return AdminCall.run(spec, socket, "resource clear", "resource-clear",
                AdminCall.put(AdminCall.args().put("resource", rsc), "node", node));
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = {"Forget a resource's operation history and failures (fail counts).",
                    "Cleans up RSC (for a group or clone, everything inside it) on every node or only on --node; "
                            + "without RSC, every resource with a recorded failure. The cluster then probes it "
                            + "again and may start it where it had failed."})
    int cleanup(@Mixin SocketOption socket,
            @Parameters(index = "0", arity = "0..1", paramLabel = "RSC", description = "The resource.") String rsc,
            @Option(names = {"-N", "--node"}, paramLabel = "NODE", description = "Only on this node.") String node) {
        return AdminCall.run(spec, socket, "resource cleanup", "resource-cleanup",
                AdminCall.put(AdminCall.put(AdminCall.args(), "resource", rsc), "node", node));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Let RSC run: sets its meta attribute target-role=Started.")
    int start(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc) {
        return AdminCall.run(spec, socket, "resource start", "resource-start", AdminCall.args().put("resource", rsc));
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop RSC everywhere: sets its meta attribute target-role=Stopped.")
    int stop(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc) {
        return AdminCall.run(spec, socket, "resource stop", "resource-stop", AdminCall.args().put("resource", rsc));
    }
}
