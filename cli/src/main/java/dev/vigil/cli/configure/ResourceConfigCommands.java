package dev.vigil.cli.configure;

import dev.vigil.cib.document.MoveConstraints;
import dev.vigil.cib.document.ResourceAttributes;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.admin.DryRunOption;
import dev.vigil.cli.simulate.BadInputException;
import dev.vigil.core.port.CibChange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code vigil resource} commands that edit a resource's configuration: {@code param},
 * {@code meta}, {@code manage} / {@code unmanage}, {@code maintenance} and {@code ban}. They read
 * the live CIB (or {@code -x FILE}), edit it and commit it as {@code vigil configure} does, with
 * {@code --dry-run}, the history and the guard against concurrent changes.
 */
public final class ResourceConfigCommands {
    private ResourceConfigCommands() {
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CibSourceOption cib;

        @Mixin
        DryRunOption dryRun;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "With -x: write the new CIB here.")
        Path output;
    }

    abstract static class Attributes extends Base {
        @Parameters(index = "0", paramLabel = "RSC", description = "The resource.")
        String rsc;

        @Parameters(index = "1", paramLabel = "set|get|delete", description = "What to do.")
        String action;

        @Parameters(index = "2", paramLabel = "NAME", description = "The attribute.")
        String name;

        @Parameters(index = "3", arity = "0..1", paramLabel = "VALUE", description = "The value (set).")
        String value;

        abstract ResourceAttributes.Kind kind();

        @Override
        public Integer call() throws IOException {
            String prefix = "vigil resource " + spec.name() + ": ";
            if (action.equals("get")) {
                try {
                    Optional<String> v = ResourceAttributes.get(CibInput.load(cib.source()).root(), rsc, kind(), name);
                    if (v.isEmpty()) {
                        spec.commandLine().getErr().println(prefix + rsc + " has no " + spec.name() + " '" + name + "'");
                        return ExitCodes.INVALID_CONFIG;
                    }
                    spec.commandLine().getOut().println(v.get());
                    return ExitCodes.OK;
                } catch (BadInputException e) {
                    spec.commandLine().getErr().println(prefix + e.getMessage());
                    return ConfigChange.unreadable(e);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println(prefix + e.getMessage());
                    return ExitCodes.INVALID_CONFIG;
                }
            }
            if (!action.equals("set") && !action.equals("delete")) {
                spec.commandLine().getErr().println(prefix + "'" + action + "' is not set, get or delete");
                return ExitCodes.USAGE;
            }
            if (action.equals("set") && value == null) {
                spec.commandLine().getErr().println(prefix + "set needs a VALUE: vigil resource " + spec.name() + " "
                        + rsc + " set " + name + " VALUE");
                return ExitCodes.USAGE;
            }
            return ConfigChange.edit(spec, prefix, cib, dryRun, output, root -> ResourceAttributes.set(root, rsc, kind(), name,
                    action.equals("set") ? value : null));
        }
    }

    @Command(name = "param", mixinStandardHelpOptions = true,
            description = {"Set, get or delete an agent parameter (instance attribute) of a resource.",
                    "Like crm_resource --set-parameter. Changing a parameter restarts (or reloads) the resource."})
    public static final class Param extends Attributes {
        @Override
        ResourceAttributes.Kind kind() {
            return ResourceAttributes.Kind.PARAMS;
        }
    }

    @Command(name = "meta", mixinStandardHelpOptions = true,
            description = {"Set, get or delete a meta attribute of a resource.",
                    "For example target-role, is-managed, resource-stickiness, migration-threshold, priority; "
                            + "like crm_resource --meta."})
    public static final class Meta extends Attributes {
        @Override
        ResourceAttributes.Kind kind() {
            return ResourceAttributes.Kind.META;
        }
    }

    @Command(name = "manage", aliases = {"unmanage"}, mixinStandardHelpOptions = true,
            description = {"Let the cluster manage a resource again, or (unmanage) leave it alone.",
                    "manage sets is-managed=true. unmanage sets is-managed=false: the cluster neither starts nor "
                            + "stops it, running or not, but keeps monitoring it, e.g. while you work on the "
                            + "service by hand."})
    public static final class Manage extends Base {
        @Parameters(index = "0", paramLabel = "RSC", description = "The resource.")
        String rsc;

        @Override
        public Integer call() throws IOException {
            boolean manage = !typed(spec).equals("unmanage");
            return ConfigChange.edit(spec, "vigil resource " + typed(spec) + ": ", cib, dryRun, output,
                    root -> ResourceAttributes.set(root, rsc, ResourceAttributes.Kind.META, "is-managed",
                            manage ? "true" : "false"));
        }
    }

    @Command(name = "maintenance", mixinStandardHelpOptions = true,
            description = {"Put a resource in maintenance mode, or take it out with --off.",
                    "In maintenance (meta maintenance=true) it is neither managed nor monitored."})
    public static final class Maintenance extends Base {
        @Parameters(index = "0", paramLabel = "RSC", description = "The resource.")
        String rsc;

        @Option(names = "--off", description = "Take it out of maintenance.")
        boolean off;

        @Override
        public Integer call() throws IOException {
            return ConfigChange.edit(spec, "vigil resource maintenance: ", cib, dryRun, output,
                    root -> ResourceAttributes.set(root, rsc, ResourceAttributes.Kind.META, "maintenance",
                            off ? "false" : "true"));
        }
    }

    @Command(name = "ban", mixinStandardHelpOptions = true,
            description = {"Keep a resource off a node.",
                    "Creates cli-ban-RSC-on-NODE (score -INFINITY), until 'vigil resource clear RSC' or until "
                            + "--lifetime has passed."})
    public static final class Ban extends Base {
        @Parameters(index = "0", paramLabel = "RSC", description = "The resource.")
        String rsc;

        @Parameters(index = "1", paramLabel = "NODE", description = "The node to keep it off.")
        String node;

        @Option(names = "--lifetime", paramLabel = "DURATION", description = "How long the ban lasts (e.g. 30m, "
                + "PT2H).")
        String lifetime;

        @Override
        public Integer call() throws IOException {
            Instant until = lifetime == null ? null
                    : dev.vigil.cli.daemon.Lifetime.end(lifetime, Instant.now());
            int rc = ConfigChange.edit(spec, "vigil resource ban: ", cib, dryRun, output, root -> {
                if (!root.toString().contains("id=\"" + rsc + "\"")) {
                    throw new IllegalArgumentException("unknown resource '" + rsc + "'");
                }
                return ConfigChange.applied(root, new CibChange.LocationConstraintSet(
                        MoveConstraints.ban(rsc, node, until).toString()));
            });
            if (rc == ExitCodes.OK && !dryRun.enabled() && cib.online()) {
                spec.commandLine().getOut().println("Created " + MoveConstraints.banId(rsc, node) + ": " + rsc
                        + " may not run on " + node + ". Run `vigil resource clear " + rsc + "` to remove it.");
            }
            return rc;
        }
    }

    private static String typed(CommandSpec spec) {
        java.util.List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        int at = args.indexOf("resource");
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : spec.name();
    }
}
