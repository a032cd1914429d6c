package dev.vigil.cli.configure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil configure}: the configuration in crm shell syntax. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Show, check or change the configuration in crm shell syntax.",
                "  show [ID...]             print it (or these objects); --xml for XML",
                "  verify                   check it for errors, like 'vigil verify'",
                "  load replace|update FILE apply FILE's statements",
                "  edit [--xml]             edit it in $EDITOR; checked before it is committed",
                "  delete ID...             delete objects (and the simple constraints on them)",
                "  rename OLD NEW           a new id, references included",
                "  primitive|group|clone|ms|location|colocation|order|property|rsc_defaults|",
                "  op_defaults|node|fencing_topology ...   add or replace one object",
                "They work on the live configuration through the local daemon (--socket),",
                "or on a CIB file with -x FILE (changes are then printed, or written with -o).",
                "Every change takes --dry-run: show the transition it would cause, change nothing.",
                "Statements: node, primitive, group, clone, ms, location, colocation, order,",
                "property, rsc_defaults, op_defaults, fencing_topology, and xml <...> for",
                "anything else."},
        subcommands = {ConfigureShowCommand.class, ConfigureVerifyCommand.class, ConfigureLoadCommand.class,
                ConfigureEditCommand.class, ConfigureDeleteCommand.class, ConfigureRenameCommand.class,
                ConfigureStatementCommand.class})
public final class ConfigureCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
