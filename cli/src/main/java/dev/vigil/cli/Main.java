package dev.vigil.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code bin/vigil}: delegates to {@link #run} so tests get the exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI and returns its exit code (see {@link ExitCodes}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new VigilCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || java.util.Arrays.asList(args).contains("--verbose");
            commandLine.getErr().println("vigil: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.SOFTWARE;
        });
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vigil: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cmd.execute(args);
    }
}
