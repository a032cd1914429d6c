package dev.vigil.cli.ra;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil ra}: resource agents. */
@Command(name = "ra", mixinStandardHelpOptions = true,
        description = {"Resource agents: list what is installed, show an agent's parameters and actions,",
                "run one action by hand with the same environment and safeguards the cluster uses.",
                "OCF agents are searched in $OCF_RA_PATH (or $OCF_ROOT/resource.d, default /usr/lib/ocf/resource.d)",
                "and in Vigil's bundled agents (provider 'vigil'); LSB init scripts in /etc/init.d."},
        subcommands = {RaListCommand.class, RaInfoCommand.class, RaExecCommand.class})
public final class RaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
