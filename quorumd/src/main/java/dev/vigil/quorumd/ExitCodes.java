package dev.vigil.quorumd;

/** Exit codes of {@code vigil-quorumd} (listed in its {@code --help}). */
public final class ExitCodes {
    /** Success (help, version, certificates issued; a server stopped by a signal exits as the JVM does). */
    public static final int OK = 0;
    /** The server could not start (address in use, ...) or keytool failed. */
    public static final int FAILURE = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** A keystore, truststore, password, state or certificate file cannot be used. */
    public static final int BAD_INPUT = 3;
    /** An internal error; rerun with -v for the stack trace. */
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
