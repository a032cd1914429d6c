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
        description = {"Put a node in standby or bring it back online (like crm_standby); list and attribute "
                + "only read (also from a CIB file with -x).",
                "Works through the local daemon by setting the permanent node attribute standby=on/off. "
                        + AdminCall.EXIT_CODES})
public final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil node: name an action (list, attribute, standby, online, maintenance, fence, "
                + "clearstate)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "standby", mixinStandardHelpOptions = true,
            description = {"Put a node in standby: its resources move to other nodes or stop.",
                    "NODE defaults to the local daemon's node. Lasts until 'vigil node online' (restarts "
                            + "included), or with --lifetime reboot only until Vigil restarts on that node."})
    int standby(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "The node.") String node,
            @picocli.CommandLine.Option(names = "--lifetime", paramLabel = "forever|reboot", defaultValue = "forever",
                    description = "forever (default) or reboot (like crm_standby --lifetime).") String lifetime) {
        if (!lifetime.equals("forever") && !lifetime.equals("reboot")) {
            spec.commandLine().getErr().println("vigil node standby: --lifetime is forever or reboot, not '" + lifetime
                    + "'");
            return ExitCodes.USAGE;
        }
        return AdminCall.run(spec, socket, dryRun, "node standby", "node-standby",
                AdminCall.put(AdminCall.put(AdminCall.args(), "lifetime", lifetime.equals("reboot") ? "reboot" : null),
                        "node", node));
    }

    @Command(name = "online", mixinStandardHelpOptions = true,
            description = {"Bring a node out of standby: it may run resources again.",
                    "NODE defaults to the local daemon's node. Resources with stickiness stay where they are."})
    int online(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "The node.") String node) {
        return AdminCall.run(spec, socket, dryRun, "node online", "node-online", AdminCall.put(AdminCall.args(), "node", node));
    }

    @Command(name = "maintenance", mixinStandardHelpOptions = true,
            description = {"Put a node in maintenance mode (the cluster neither starts, stops nor monitors",
                    "anything there; resources keep running as they are), or take it out with --off."})
    int maintenance(@Mixin SocketOption socket, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", description = "The node.") String node,
            @picocli.CommandLine.Option(names = "--off", description = "Take it out of maintenance.") boolean off) {
        return AdminCall.run(spec, socket, dryRun, "node maintenance", "node-maintenance",
                AdminCall.put(AdminCall.args().put("on", !off), "node", node));
    }

    @Command(name = "fence", mixinStandardHelpOptions = true,
            description = {"Fence NODE now (like 'vigil stonith fence NODE'); its resources are recovered."})
    int fence(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "NODE", description = "The node.") String node) {
        return new StonithCommand.Delegate(spec).call(socket, "node fence", "stonith-fence",
                AdminCall.args().put("node", node).put("action", "reboot"));
    }

    @Command(name = "clearstate", mixinStandardHelpOptions = true,
            description = {"Declare a node that is down as cleanly down (like crm node clearstate): what the",
                    "cluster remembers running there is forgotten and recovered elsewhere. Refused while the node",
                    "is a member. Use it only when you know the node runs nothing (powered off)."})
    int clearstate(@Mixin SocketOption socket,
            @Parameters(index = "0", paramLabel = "NODE", description = "The node.") String node) {
        return new StonithCommand.Delegate(spec).call(socket, "node clearstate", "stonith-confirm",
                AdminCall.args().put("node", node));
    }

    // ---- read-only: list, attribute --------------------------------------------------------------

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the nodes with their state (online, OFFLINE, standby, maintenance, pending, "
                    + "UNCLEAN), the DC and how many resource instances each runs.", NodeQueries.EXIT_CODES})
    int list(@Mixin dev.vigil.cli.daemon.ClusterSource source) {
        return new NodeQueries(spec, "node list").list(source);
    }

    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = {"Show a node's attributes: permanent ones (configuration, e.g. standby) and transient "
                    + "ones (status, e.g. fail counts). With NAME, print it as crm_attribute --query does: "
                    + "'scope=nodes  name=NAME value=VALUE' (scope=status for a transient one).",
                    NodeQueries.EXIT_CODES})
    int attribute(@Mixin dev.vigil.cli.daemon.ClusterSource source, @Mixin DryRunOption dryRun,
            @Parameters(index = "0", paramLabel = "NODE", description = "The node.") String node,
            @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only this attribute.")
            String name,
            @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE",
                    description = "Set NAME to VALUE (a permanent attribute, like crm_attribute --update).")
            String value,
            @picocli.CommandLine.Option(names = "--delete", description = "Delete the permanent attribute NAME.")
            boolean delete,
            @picocli.CommandLine.Option(names = "--lifetime", paramLabel = "forever|reboot", defaultValue = "forever",
                    description = "With VALUE or --delete: forever (the configuration, default) or reboot (the "
                            + "status: gone when the node leaves).") String lifetime) {
        if (value == null && !delete) {
            return new NodeQueries(spec, "node attribute").attribute(source, node, name);
        }
        if (name == null || (value != null && delete)) {
            spec.commandLine().getErr().println("vigil node attribute: write NODE NAME VALUE to set, or NODE NAME "
                    + "--delete to delete");
            return ExitCodes.USAGE;
        }
        if (source.offline() || (!lifetime.equals("forever") && !lifetime.equals("reboot"))) {
            spec.commandLine().getErr().println("vigil node attribute: " + (source.offline()
                    ? "changing an attribute works on the live cluster, not on a file (-x)"
                    : "--lifetime is forever or reboot, not '" + lifetime + "'"));
            return ExitCodes.USAGE;
        }
        com.fasterxml.jackson.databind.node.ObjectNode args = AdminCall.args().put("node", node).put("name", name)
                .put("lifetime", lifetime);
        if (value != null) {
            args.put("value", value);
        }
        return AdminCall.run(spec, source.socketOption(), dryRun, "node attribute", "node-attribute", args);
    }
}
