package dev.vigil.cli.configure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil import}: bring configurations from Heartbeat and Pacemaker. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Convert another cluster manager's configuration into a Vigil CIB.",
                "  haresources FILE   a Heartbeat R1 haresources file",
                "  cib FILE           a Pacemaker cib.xml (legacy names brought up to date)",
                "The CIB is printed (or written with -o); no running cluster is changed."},
        subcommands = {ImportHaresourcesCommand.class, ImportCibCommand.class})
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
