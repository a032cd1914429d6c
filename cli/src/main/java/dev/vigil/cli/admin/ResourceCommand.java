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
        subcommands = {dev.vigil.cli.configure.ResourceConfigCommands.Param.class,
                dev.vigil.cli.configure.ResourceConfigCommands.Meta.class,
                dev.vigil.cli.configure.ResourceConfigCommands.Manage.class,
                dev.vigil.cli.configure.ResourceConfigCommands.Maintenance.class,
                dev.vigil.cli.configure.ResourceConfigCommands.Ban.class},
        description = {"Move, clear, clean up, start or stop resources (like crm_resource); list, status, locate "
                + "and failcount only read (also from a CIB file with -x).",
                "Works through the local daemon: changes go through the DC, are validated first and reach every "
                        + "node. " + AdminCall.EXIT_CODES})
public final class ResourceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil resource: name an action (list, status, locate, failcount, move, "
                + "ban, clear, cleanup, start, stop, restart, param, meta, manage, unmanage, maintenance)");
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
    int move(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc,
            @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "The node to move it to.")
            String node,
            @Option(names = {"-u", "--lifetime"}, paramLabel = "DURATION",
                    description = "How long the constraint applies: ISO-8601 (PT10M, P1D) or 10m, 1h, 2d.")
            String lifetime) {
        return AdminCall.run(spec, socket, dryRun, "resource move", "resource-move",
                AdminCall.put(AdminCall.put(AdminCall.args().put("resource", rsc), "node", node), "lifetime", lifetime));
    }

    @Command(name = "clear", aliases = "unmigrate", mixinStandardHelpOptions = true,
            description = {"Remove the constraints 'vigil resource move' created.",
                    "Removes cli-prefer-RSC and every cli-ban-RSC-on-*; with NODE only the ban from NODE and a "
                            + "preference for NODE. Having nothing to remove is not an error."})
    int clear(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc,
            @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "Only constraints about NODE.")
            String node) {
        return AdminCall.run(spec, socket, dryRun, "resource clear", "resource-clear",
                AdminCall.put(AdminCall.args().put("resource", rsc), "node", node));
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = {"Forget a resource's operation history and failures (fail counts).",
                    "Cleans up RSC (for a group or clone, everything inside it) on every node or only on --node; "
                            + "without RSC, every resource with a recorded failure. The cluster then probes it "
                            + "again and may start it where it had failed."})
    int cleanup(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", arity = "0..1", paramLabel = "RSC", description = "The resource.") String rsc,
            @Option(names = {"-N", "--node"}, paramLabel = "NODE", description = "Only on this node.") String node) {
        return AdminCall.run(spec, socket, dryRun, "resource cleanup", "resource-cleanup",
                AdminCall.put(AdminCall.put(AdminCall.args(), "resource", rsc), "node", node));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Let RSC run: sets its meta attribute target-role=Started.")
    int start(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc) {
        return AdminCall.run(spec, socket, dryRun, "resource start", "resource-start", AdminCall.args().put("resource", rsc));
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop RSC everywhere: sets its meta attribute target-role=Stopped.")
    int stop(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc) {
        return AdminCall.run(spec, socket, dryRun, "resource stop", "resource-stop", AdminCall.args().put("resource", rsc));
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Stop a resource, wait until it has stopped, then start it again.",
                    "Like crm_resource --restart; waits at most --timeout for the stop."})
    int restart(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc,
            @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
                    description = "How long to wait for the stop (default ${DEFAULT-VALUE} s).") int timeout)
            throws InterruptedException {
        int rc = AdminCall.run(spec, socket, null, "resource restart", "resource-stop",
                AdminCall.args().put("resource", rsc));
        if (rc != ExitCodes.OK) {
            return rc;
        }
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        while (!Placement.stopped(socket, rsc)) {
            if (System.nanoTime() > deadline) {
                spec.commandLine().getErr().println("vigil resource restart: " + rsc + " did not stop within " + timeout
                        + " s; it stays stopped (target-role=Stopped): check 'vigil status', then 'vigil resource "
                        + "start " + rsc + "'");
                return ExitCodes.INVALID_CONFIG;
            }
            Thread.sleep(250);
        }
        spec.commandLine().getOut().println(rsc + " stopped; starting it again");
        return AdminCall.run(spec, socket, null, "resource restart", "resource-start",
                AdminCall.args().put("resource", rsc));
    }

    // ---- read-only: list, status, locate, failcount ---------------------------------------------

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every resource with its role and node, as 'vigil status' shows them (like "
                    + "crm_resource --list).", ResourceQueries.EXIT_CODES})
    int list(@Mixin dev.vigil.cli.daemon.ClusterSource source) {
        return new ResourceQueries(spec, "resource list").list(source);
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show one resource: role and node of each part, target-role, is-managed, stickiness, "
                    + "migration-threshold, fail counts, failed actions and what the cluster is about to do with "
                    + "it ('vigil explain RSC' says why).", ResourceQueries.EXIT_CODES})
    int status(@Mixin dev.vigil.cli.daemon.ClusterSource source,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc) {
        return new ResourceQueries(spec, "resource status").status(source, rsc);
    }

    @Command(name = "locate", aliases = "where", mixinStandardHelpOptions = true,
            description = {"Print the nodes where a resource is active, one line each, as crm_resource --locate "
                    + "does: 'resource RSC is running on: NODE [ROLE]', or 'resource RSC is NOT running'.",
                    ResourceQueries.EXIT_CODES})
    int locate(@Mixin dev.vigil.cli.daemon.ClusterSource source,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc) {
        return new ResourceQueries(spec, "resource locate").locate(source, rsc);
    }

    @Command(name = "failcount", mixinStandardHelpOptions = true,
            description = {"Show a resource's fail counts per node (for a group or clone, of each resource in it), "
                    + "per operation, with the last failure and migration-threshold. 'vigil resource cleanup RSC' "
                    + "resets them.", ResourceQueries.EXIT_CODES})
    int failcount(@Mixin dev.vigil.cli.daemon.ClusterSource source,
            @Parameters(index = "0", paramLabel = "RSC", description = "The resource.") String rsc,
            @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", description = "Only this node.")
            String node) {
        return new ResourceQueries(spec, "resource failcount").failcount(source, rsc, node);
    }
}
