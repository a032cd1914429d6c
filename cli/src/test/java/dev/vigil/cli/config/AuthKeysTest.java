package dev.vigil.cli.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthKeysTest {
    private static final String SECRET = "CorrectHorseBatteryStaple";
    private static final String OTHER_SECRET = "Tr0ub4dor&3-and-more";

    @TempDir
    Path dir;

    private Path write(String content, String mode) throws IOException {
        Path file = dir.resolve("authkeys");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private ConfigException refuse(String content) throws IOException {
        Path file = write(content, "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> AuthKeys.load(file));
        assertSecretsAbsent(e.getMessage());
        return e;
    }

    private static void assertSecretsAbsent(String text) {
        for (String secret : List.of(SECRET, OTHER_SECRET, "short7", "supersecretvalue")) {
            assertFalse(text.contains(secret), "secret leaked into: " + text);
        }
    }

    /** Asserts exactly one problem, on {@code line}, containing every fragment. */
    private void assertOneProblem(String content, int line, String... fragments) throws IOException {
        ConfigException e = refuse(content);
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        String where = dir.resolve("authkeys") + (line > 0 ? ":" + line : "") + ": ";
        assertTrue(problem.startsWith(where), problem);
        assertTrue(problem.contains(" — "), "says what to do: " + problem);
        for (String fragment : fragments) {
            assertTrue(problem.contains(fragment), "'" + fragment + "' in: " + problem);
        }
    }

    @Test
    void loadsHeartbeatFile() throws Exception {
        Path file = write("# keys\nauth 2\n1 sha1 " + SECRET + "\n\n2 md5 " + OTHER_SECRET + "\n", "rw-------");
        AuthKeys keys = AuthKeys.load(file);
        assertEquals(2, keys.activeIndex());
        assertEquals(AuthMethod.MD5, keys.activeMethod());
        assertEquals(AuthMethod.SHA1, keys.method(1));
        assertEquals(List.of(1, 2), keys.indexes());
        assertEquals(file, keys.source());
    }

    @Test
    void keepsSpacesAndHashesInSecrets() throws Exception {
        AuthKeys a = AuthKeys.load(write("auth 1\n1 sha256 password # with spaces\n", "rw-------"));
        AuthKeys b = AuthKeys.load(write("auth 1\n1 sha256 password\n", "r--------"));
        assertFalse(Arrays.equals(a.deriveClusterKey("c"), b.deriveClusterKey("c")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"})
    void refusesFilesOthersCanAccessNamingTheMode(String permissions) throws IOException {
        Path file = write("auth 1\n1 sha256 " + SECRET + "\n", permissions);
        ConfigException e = assertThrows(ConfigException.class, () -> AuthKeys.load(file));
        String mode = AuthKeysFile.mode(PosixFilePermissions.fromString(permissions));
        assertTrue(e.getMessage().startsWith(file + ": has mode " + mode), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        assertSecretsAbsent(e.getMessage());
    }

    @Test
    void namesMode0644InOctal() throws IOException {
        Path file = write("auth 1\n1 sha256 " + SECRET + "\n", "rw-r--r--");
        ConfigException e = assertThrows(ConfigException.class, () -> AuthKeys.load(file));
        assertTrue(e.getMessage().contains("0644"), e.getMessage());
    }

    @Test
    void acceptsOwnerOnlyModes() throws Exception {
        assertEquals(1, AuthKeys.load(write("auth 1\n1 sha256 " + SECRET + "\n", "r--------")).activeIndex());
        assertEquals(1, AuthKeys.load(write("auth 1\n1 sha256 " + SECRET + "\n", "rwx------")).activeIndex());
    }

    @Test
    void refusesMissingFile() {
        Path file = dir.resolve("nope");
        ConfigException e = assertThrows(ConfigException.class, () -> AuthKeys.load(file));
        assertTrue(e.getMessage().startsWith(file + ": not found — "), e.getMessage());
    }

    @Test
    void refusesUnreadableFile() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file");
        Path file = write("auth 1\n1 sha256 " + SECRET + "\n", "---------");
        ConfigException e = assertThrows(ConfigException.class, () -> AuthKeys.load(file));
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @Test
    void refusesCrcSuggestingSha256() throws IOException {
        assertOneProblem("auth 1\n1 crc\n", 2, "crc", "authenticates nothing", "sha256", "openssl rand -hex 32");
        assertOneProblem("auth 2\n1 crc\n2 sha256 " + SECRET + "\n", 2, "crc");
    }

    @Test
    void refusesAuthNamingAnAbsentKey() throws IOException {
        assertOneProblem("auth 3\n1 sha256 " + SECRET + "\n", 1, "'auth 3' names key 3, which is not defined",
                "keys: [1]");
    }

    @Test
    void refusesMissingAuthLine() throws IOException {
        assertOneProblem("1 sha256 " + SECRET + "\n", 0, "no 'auth N' line", "auth 1");
    }

    @Test
    void refusesDuplicateIndexAndDuplicateAuth() throws IOException {
        assertOneProblem("auth 1\n1 sha256 " + SECRET + "\n1 md5 " + OTHER_SECRET + "\n", 3,
                "key 1 is already defined on line 2");
        assertOneProblem("auth 1\n1 sha256 " + SECRET + "\nauth 1\n", 3, "'auth' is already given on line 1");
    }

    @Test
    void refusesShortEmptyAndUnknownKeys() throws IOException {
        assertOneProblem("auth 1\n1 sha256 short7\n", 2, "shorter than 8 characters");
        assertOneProblem("auth 1\n1 sha256\n", 2, "key 1 (sha256) has no secret");
        assertOneProblem("auth 1\n1 sha512 " + SECRET + "\n", 2, "no known method 'sha512'");
        assertOneProblem("auth 16\n1 sha256 " + SECRET + "\n", 1, "from 1 to 15");
        assertOneProblem("auth 1\n1 sha256 " + SECRET + "\n16 sha256 " + SECRET + "\n", 3, "from 1 to 15");
        assertOneProblem("auth 1\n1 sha256 " + SECRET + "\nsupersecretvalue\n", 3, "line not shown");
        assertOneProblem("auth 1\n1 sha256 " + SECRET + "\n2 supersecretvalue\n", 3, "no known method (");
    }

    @Test
    void reportsAllProblemsTogether() throws IOException {
        ConfigException e = refuse("auth 4\n1 crc\n2 sha1 short7\n2 md5 " + OTHER_SECRET + "\n");
        assertEquals(4, e.problems().size(), e.getMessage());
        Path file = dir.resolve("authkeys");
        assertTrue(e.problems().get(0).startsWith(file + ":1: 'auth 4'"), e.getMessage());
        assertTrue(e.problems().get(1).startsWith(file + ":2: key 1 uses crc"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith(file + ":3: the secret of key 2"), e.getMessage());
        assertTrue(e.problems().get(3).startsWith(file + ":4: key 2 is already defined on line 3"), e.getMessage());
    }

    @Test
    void neverShowsSecretsInToString() throws Exception {
        AuthKeys keys = AuthKeys.load(write("auth 1\n1 sha256 " + SECRET + "\n2 sha1 " + OTHER_SECRET + "\n",
                "rw-------"));
        String text = keys.toString();
        assertSecretsAbsent(text);
        assertTrue(text.contains("auth 1") && text.contains("sha256") && text.contains("redacted"), text);
    }

    @Test
    void derivesSameKeyFromSameFileAndCluster() throws Exception {
        Path file = write("auth 1\n1 sha256 " + SECRET + "\n", "rw-------");
        byte[] first = AuthKeys.load(file).deriveClusterKey("prod");
        byte[] second = AuthKeys.load(file).deriveClusterKey("prod");
        assertEquals(AuthKeys.CLUSTER_KEY_LENGTH, first.length);
        assertArrayEquals(first, second);
        assertNotSame(first, second);
    }

    @Test
    void derivesDifferentKeysPerClusterSecretAndMethod() throws Exception {
        AuthKeys keys = AuthKeys.load(write("auth 1\n1 sha256 " + SECRET + "\n2 sha256 " + OTHER_SECRET
                + "\n3 sha1 " + SECRET + "\n", "rw-------"));
        List<byte[]> derived = List.of(keys.deriveClusterKey("prod"), keys.deriveClusterKey("test"),
                keys.deriveClusterKey("prod", 2), keys.deriveClusterKey("prod", 3));
        for (int i = 0; i < derived.size(); i++) {
            for (int j = i + 1; j < derived.size(); j++) {
                assertFalse(Arrays.equals(derived.get(i), derived.get(j)), i + " vs " + j);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> keys.deriveClusterKey(" "));
        assertThrows(IllegalArgumentException.class, () -> keys.deriveClusterKey("prod", 9));
    }

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        HexFormat hex = HexFormat.of();
        byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = hex.parseHex("000102030405060708090a0b0c");
        byte[] info = hex.parseHex("f0f1f2f3f4f5f6f7f8f9");
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                hex.formatHex(Hkdf.extract(salt, ikm)));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                hex.formatHex(Hkdf.derive(salt, ikm, info, 42)));
    }

    @Test
    void hkdfMatchesRfc5869TestCase3WithEmptySaltAndInfo() {
        HexFormat hex = HexFormat.of();
        byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                hex.formatHex(Hkdf.derive(new byte[0], ikm, new byte[0], 42)));
    }

    @Test
    void generatesOwnerOnlyFileWithFreshSecret() throws Exception {
        Path file = dir.resolve("etc/vigil/authkeys");
        AuthKeys keys = AuthKeys.generate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(AuthMethod.SHA256, keys.activeMethod());
        assertEquals(1, keys.activeIndex());
        assertArrayEquals(keys.deriveClusterKey("c"), AuthKeys.load(file).deriveClusterKey("c"));
        assertTrue(Files.readString(file).matches("(?s).*\nauth 1\n1 sha256 [0-9a-f]{64}\n"), Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        AuthKeys other = AuthKeys.generate(dir.resolve("other"));
        assertFalse(Arrays.equals(keys.deriveClusterKey("c"), other.deriveClusterKey("c")));
    }

    @Test
    void generateRefusesToOverwrite() throws Exception {
        Path file = write("auth 1\n1 sha256 " + SECRET + "\n", "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> AuthKeys.generate(file));
        assertTrue(e.getMessage().startsWith(file + ": already exists; not overwriting it"), e.getMessage());
        assertEquals("auth 1\n1 sha256 " + SECRET + "\n", Files.readString(file));
    }
}
