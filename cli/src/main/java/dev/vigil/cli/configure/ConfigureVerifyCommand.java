package dev.vigil.cli.configure;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.simulate.BadInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil configure verify}: the checks of {@code vigil verify}, on the chosen CIB. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the configuration for errors, as 'vigil verify' does.",
                "One line per problem with its line number; exit 1 when there are errors."})
public final class ConfigureVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CibSourceOption cib;

    @Option(names = {"-V", "--verbose"}, description = "Say so when all is well.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CibInput.Loaded loaded;
        try {
            loaded = CibInput.load(cib.source());
        } catch (IllegalArgumentException e) {
            err.println("vigil configure verify: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (BadInputException e) {
            err.println("vigil configure verify: " + e.getMessage());
            return ConfigChange.unreadable(e);
        }
        long errors = loaded.problems().stream().filter(ConfigProblem::isError).count();
        for (ConfigProblem p : loaded.problems()) {
            err.println(p.render(loaded.name()));
        }
        if (errors > 0) {
            err.println("vigil configure verify: " + errors + " error" + (errors == 1 ? "" : "s") + " found in "
                    + loaded.name());
            return ExitCodes.INVALID_CONFIG;
        }
        if (verbose) {
            out.println(loaded.name() + ": configuration is valid");
        }
        return ExitCodes.OK;
    }
}
