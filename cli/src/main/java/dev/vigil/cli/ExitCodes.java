package dev.vigil.cli;

/**
 * Exit codes of {@code vigil}, shared by all commands (documented in {@code vigil --help}).
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran but found errors (e.g. {@code verify} found configuration errors). */
    public static final int INVALID_CONFIG = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** An input file could not be read or parsed (missing, truncated, malformed, hostile XML). */
    public static final int BAD_INPUT = 3;
    /** An internal error; rerun with --verbose for the stack trace. */
    public static final int SOFTWARE = 70;
    /** The daemon learnt that the cluster fenced this node while it still ran, and stopped. */
    public static final int FENCED = 100;

    private ExitCodes() {
    }
}
