package dev.vigil.quorumd;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the standalone quorum server ({@code vigil-quorumd}): delegates to {@link #run} so
 * tests get the exit code.
 */
public final class Main {
    /** Logback configuration used unless {@code -Dlogback.configurationFile} is given. */
    static final String LOG_CONFIG = "dev/vigil/quorumd/logback-quorumd.xml";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOG_CONFIG);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs {@code vigil-quorumd ARGS} and returns its exit code (see {@link ExitCodes}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line with this program's error handling: one line per error, exit codes as documented. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new QuorumdCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": "
                    + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Arrays.asList(parseResult.originalArgs()).contains("-v")
                    || Arrays.asList(parseResult.originalArgs()).contains("--verbose")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.SOFTWARE;
        });
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cmd;
    }
}
