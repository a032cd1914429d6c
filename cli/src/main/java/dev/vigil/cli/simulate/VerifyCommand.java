package dev.vigil.cli.simulate;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil verify}: check a CIB file like crm_verify. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a CIB file for errors (like crm_verify): malformed XML, duplicate or unknown ids,",
                "cycles of mandatory orderings, malformed scores, unknown resource classes.",
                "Prints one line per problem with its line number; exits 1 when there are errors."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-x", "--xml-file", "--cib"}, required = true, paramLabel = "FILE", description = "CIB XML file.")
    Path file;

    @Option(names = {"-V", "--verbose"}, description = "Also print warnings and a closing line when all is well.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CibLoader.Loaded loaded;
        try {
            loaded = CibLoader.load(file);
        } catch (BadInputException e) {
            err.println("vigil verify: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        int errors = 0;
        for (ConfigProblem p : loaded.problems()) {
            if (p.isError()) {
                errors++;
                err.println(p.render(file.toString()));
            } else {
                err.println(p.render(file.toString()));
            }
        }
        if (errors > 0) {
            err.println("vigil verify: " + errors + " error" + (errors == 1 ? "" : "s") + " found in " + file);
            return ExitCodes.INVALID_CONFIG;
        }
        if (verbose) {
            out.println(file + ": configuration is valid");
        }
        return ExitCodes.OK;
    }
}
