package dev.vigil.cli.admin;

import dev.vigil.cli.daemon.SocketOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rollback VERSION}: the configuration as it was. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Restore the configuration as it was at VERSION (see 'vigil history'). The rollback is",
                "itself a change: it gets a new version and can be rolled back. The status section is not",
                "touched. " + AdminCall.EXIT_CODES})
public final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SocketOption socket;

    @Mixin
    DryRunOption dryRun;

    @Parameters(paramLabel = "VERSION", description = "A version from 'vigil history': admin_epoch.epoch, or the epoch.")
    String version;

    @Override
    public Integer call() {
        return AdminCall.run(spec, socket, dryRun, "rollback", "rollback", AdminCall.args().put("version", version));
    }
}
