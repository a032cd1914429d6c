package dev.vigil.cli.configure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil configure}: the configuration in crm shell syntax. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Show, check or change the configuration in crm shell syntax.",
                "  show [ID...]             print it (or these objects); --xml for XML",
                "  verify                   check it for errors, like 'vigil verify'",
                "  load replace|update FILE apply FILE's statements and print the new CIB",
                "These work on a CIB file (-x FILE). Statements: node, primitive, group,",
                "clone, ms, location, colocation, order, property, rsc_defaults,",
                "op_defaults, fencing_topology, and xml <...> for anything else."},
        subcommands = {ConfigureShowCommand.class, ConfigureVerifyCommand.class, ConfigureLoadCommand.class})
public final class ConfigureCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
