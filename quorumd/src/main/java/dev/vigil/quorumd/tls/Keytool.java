package dev.vigil.quorumd.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code keytool}. Passwords are passed as {@code -storepass:file}, never on the
 * command line. Stateless; calls may run concurrently.
 */
public final class Keytool {
    /** Start-up options that make the short-lived keytool JVM start faster. */
    private static final List<String> JVM_OPTIONS = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Xshare:auto");

    private final Path executable;
    private final Duration timeout;

    public Keytool(Path executable, Duration timeout) {
        if (!Files.isExecutable(executable)) {
            throw new TlsConfigException("keytool " + executable + " is not an executable file; set JAVA_HOME to a"
                    + " JDK that has bin/keytool");
        }
        this.executable = executable;
        this.timeout = timeout;
    }

    /** {@code $JAVA_HOME/bin/keytool} when it exists, else the keytool of the running JVM. */
    public static Keytool locate() {
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            Path candidate = Path.of(javaHome, "bin", "keytool");
            if (Files.isExecutable(candidate)) {
                return new Keytool(candidate, Duration.ofMinutes(1));
            }
        }
        return new Keytool(Path.of(System.getProperty("java.home"), "bin", "keytool"), Duration.ofMinutes(1));
    }

    /**
     * Runs {@code keytool COMMAND ARGS...}.
     *
     * @param what what is being done, for the error message ({@code "create the CA key pair in ca.p12"})
     * @throws IOException keytool failed; the message holds its output
     */
    public void run(String what, String command, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add(command);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(p.getInputStream(), output), "keytool-output");
        drain.setDaemon(true);
        drain.start();
        boolean exited;
        try {
            exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                drain.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool was running to " + what, e);
        }
        if (!exited) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within " + timeout.toSeconds() + " s trying to " + what);
        }
        if (p.exitValue() != 0) {
            String text;
            synchronized (output) {
                text = output.toString(Charset.defaultCharset()).strip();
            }
            throw new IOException("keytool failed to " + what + " (exit " + p.exitValue() + "): " + text);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // The process ended; what was read is enough for the message.
        }
    }
}
