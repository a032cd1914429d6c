package dev.vigil.quorumd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

class QuorumdCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsEveryOption() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String option : List.of("--listen", "--keystore", "--keystore-password-file", "--truststore",
                "--truststore-password-file", "--heartbeat", "--lease", "--policy", "--state-dir", "--client-cn",
                "--max-connections", "--verbose", "--help", "--version", "certs", "Exit codes", "last-man-standing")) {
            assertTrue(r.out().contains(option), option + " missing from:\n" + r.out());
        }
        Result certs = run("certs", "--help");
        assertEquals(0, certs.code());
        for (String option : List.of("--dir", "--cluster", "--nodes", "--server-name", "--days", "--force")) {
            assertTrue(certs.out().contains(option), option + " missing from:\n" + certs.out());
        }
    }

    @Test
    void versionNamesTheProtocol() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("vigil-quorumd "), r.out());
        assertTrue(r.out().contains("quorum protocol 1"), r.out());
    }

    @Test
    void missingKeystoreOptionIsAUsageError() {
        Result r = run("--listen", "127.0.0.1:0");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--keystore is required"), r.err());
    }

    @Test
    void missingKeystoreFileIsNamedWithWhatToDo() throws IOException {
        Path pass = secret("server.pass", "secret123");
        Path missing = dir.resolve("nope.p12");
        Result r = run("--keystore", missing.toString(), "--keystore-password-file", pass.toString(),
                "--truststore", missing.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("keystore " + missing + " does not exist"), r.err());
        assertTrue(r.err().contains("vigil-quorumd certs"), r.err());
    }

    @Test
    void garbageKeystoreIsNamedWithWhatToDo() throws IOException {
        Path pass = secret("server.pass", "secret123");
        Path junk = dir.resolve("junk.p12");
        Files.writeString(junk, "not a keystore");
        Result r = run("--keystore", junk.toString(), "--keystore-password-file", pass.toString(),
                "--truststore", junk.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("cannot open keystore " + junk + ": not a PKCS12 keystore"), r.err());
    }

    @Test
    void passwordFileReadableByOthersIsRefused() throws IOException {
        Path pass = dir.resolve("open.pass");
        Files.writeString(pass, "secret123\n");
        Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-r--r--"));
        Result r = run("--keystore", dir.resolve("x.p12").toString(), "--keystore-password-file", pass.toString(),
                "--truststore", dir.resolve("t.p12").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("chmod 600 " + pass), r.err());
    }

    @Test
    void badDurationsPoliciesAndAddressesAreUsageErrors() {
        Result lease = run("--keystore", "k", "--keystore-password-file", "p", "--truststore", "t",
                "--heartbeat", "1s", "--lease", "1500ms");
        assertEquals(ExitCodes.USAGE, lease.code());
        assertTrue(lease.err().contains("at least twice --heartbeat"), lease.err());
        Result duration = run("--lease", "soon");
        assertEquals(ExitCodes.USAGE, duration.code());
        assertTrue(duration.err().contains("'soon' is not a duration"), duration.err());
        Result policy = run("--policy", "biggest");
        assertEquals(ExitCodes.USAGE, policy.code());
        assertTrue(policy.err().contains("largest, last-man-standing"), policy.err());
        Result listen = run("--listen", "0.0.0.0:99999");
        assertEquals(ExitCodes.USAGE, listen.code());
        assertTrue(listen.err().contains("outside 0..65535"), listen.err());
    }

    @Test
    void certsRefusesBadNames() {
        Result r = run("certs", "--dir", dir.toString(), "--cluster", "bad name", "--nodes", "a");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("cluster name 'bad name' is not valid"), r.err());
    }

    @Test
    void durationsReadLikeHaCf() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("3"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("PT3S"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("3 fortnights"));
    }

    @Test
    void listenAddressesAcceptHostPortForms() {
        assertEquals(new InetSocketAddress("127.0.0.1", 5403), ListenAddressConverter.parse("127.0.0.1:5403"));
        assertEquals(new InetSocketAddress(7000), ListenAddressConverter.parse(":7000"));
        assertEquals(new InetSocketAddress(7000), ListenAddressConverter.parse("7000"));
        assertEquals(new InetSocketAddress("::1", 5403), ListenAddressConverter.parse("[::1]:5403"));
        assertThrows(TypeConversionException.class, () -> ListenAddressConverter.parse("::1:5403"));
        assertThrows(TypeConversionException.class, () -> ListenAddressConverter.parse("host:port"));
    }

    private Path secret(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }
}
