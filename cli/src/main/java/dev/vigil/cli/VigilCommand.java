package dev.vigil.cli;

import dev.vigil.cli.daemon.CibCommand;
import dev.vigil.cli.daemon.DaemonCommand;
import dev.vigil.cli.daemon.StatusCommand;
import dev.vigil.cli.ra.RaCommand;
import dev.vigil.cli.simulate.SimulateCommand;
import dev.vigil.cli.simulate.VerifyCommand;
import picocli.CommandLine.Command;

/** The top-level {@code vigil} command. */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Vigil high-availability cluster resource manager.",
        subcommands = {SimulateCommand.class, VerifyCommand.class, RaCommand.class, StatusCommand.class,
                dev.vigil.cli.explain.ExplainCommand.class, CompletionCommand.class, CibCommand.class, dev.vigil.cli.admin.ResourceCommand.class, dev.vigil.cli.admin.NodeCommand.class,
                dev.vigil.cli.admin.StonithCommand.class, dev.vigil.cli.admin.HistoryCommand.class,
                dev.vigil.cli.admin.RollbackCommand.class,
                dev.vigil.cli.daemon.QuorumCommand.class, QuorumdSubcommand.class,
                dev.vigil.cli.configure.ConfigureCommand.class, dev.vigil.cli.configure.ImportCommand.class,
                DaemonCommand.class, dev.vigil.cli.demo.DemoCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0   success",
                "  1   configuration errors (verify), a refused change, an unknown resource/node",
                "  2   wrong usage",
                "  3   an input file could not be read or parsed",
                "  4   the local daemon cannot be reached",
                "  70  internal error (rerun with --verbose)"})
public final class VigilCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
