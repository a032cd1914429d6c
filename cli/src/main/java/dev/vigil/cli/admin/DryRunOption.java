package dev.vigil.cli.admin;

import picocli.CommandLine.Option;

/** {@code --dry-run} for every command that changes the cluster. */
public final class DryRunOption {
    @Option(names = "--dry-run", description = "Only show the transition the change would cause (crm_simulate's "
            + "Transition Summary); change nothing.")
    boolean dryRun;

    public boolean enabled() {
        return dryRun;
    }
}
