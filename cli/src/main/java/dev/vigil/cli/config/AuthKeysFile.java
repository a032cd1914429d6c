package dev.vigil.cli.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code authkeys} files for {@link AuthKeys}. Only whole-line {@code #} comments
 * exist: the secret is the rest of its line and may contain {@code #} or spaces. No message ever
 * quotes a key line, since any word on it might be the secret. Stateless.
 */
final class AuthKeysFile {
    private static final String GOOD_KEY_HINT =
            "use '1 sha256 SECRET' with a secret from `openssl rand -hex 32`";
    private static final Pattern INDEX = Pattern.compile("\\d{1,2}");
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AuthKeysFile() {
    }

    static AuthKeys read(Path file) throws ConfigException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": not found — create it (mode 0600) with the lines 'auth 1' and "
                    + "'1 sha256 SECRET', the same on every node; SECRET from `openssl rand -hex 32`", e);
        } catch (UnsupportedOperationException | IOException e) {
            throw new ConfigException(file + ": cannot check its permissions (" + e.getMessage()
                    + ") — keep authkeys on a POSIX file system", e);
        }
        if (!attributes.isRegularFile()) {
            throw new ConfigException(List.of(file + ": is not a regular file — point authkeys at the key file"));
        }
        String mode = mode(attributes.permissions());
        if (attributes.permissions().stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
            throw new ConfigException(List.of(file + ": has mode " + mode + "; group and others must have no access "
                    + "to the cluster secret — run: chmod 600 " + file));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot read it (permission denied, mode " + mode
                    + ") — run vigild as root (or as the file's owner)", e);
        } catch (MalformedInputException e) {
            throw new ConfigException(file + ": is not UTF-8 text — rewrite it as plain text", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it (" + e.getClass().getSimpleName()
                    + ") — check the path", e);
        }
        return parse(lines, file);
    }

    /** Parses the lines of an authkeys file; {@code source} names it in messages. */
    static AuthKeys parse(List<String> lines, Path source) throws ConfigException {
        Reader reader = new Reader(new Problems(source.toString()));
        for (int i = 0; i < lines.size(); i++) {
            String text = (i == 0 ? lines.get(0).replace("\uFEFF", "") : lines.get(i)).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                reader.line(i + 1, text.split("\\s+", 3));
            }
        }
        return reader.finish(source);
    }

    /** The state of one parse. */
    private static final class Reader {
        private final Problems problems;
        private final Map<Integer, AuthKeys.Key> keys = new HashMap<>();
        private final Map<Integer, Integer> keyLines = new TreeMap<>();
        private Integer active;
        private int activeLine;

        Reader(Problems problems) {
            this.problems = problems;
        }

        void line(int n, String[] words) {
            if (words[0].equalsIgnoreCase("auth")) {
                auth(n, words);
            } else if (!isIndex(words[0])) {
                problems.error(n, "expected 'auth N' or 'N METHOD SECRET' with N from 1 to 15 (line not shown: it "
                        + "may hold a secret)", "fix the line; " + GOOD_KEY_HINT);
            } else {
                int index = Integer.parseInt(words[0]);
                AuthKeys.Key key = key(problems, n, index, words);
                Integer previous = keyLines.putIfAbsent(index, n);
                if (previous != null) {
                    problems.error(n, "key " + index + " is already defined on line " + previous,
                            "give each key its own index");
                } else if (key != null) {
                    keys.put(index, key);
                }
            }
        }

        private void auth(int n, String[] words) {
            if (activeLine > 0) {
                problems.error(n, "'auth' is already given on line " + activeLine, "keep only one auth line");
                return;
            }
            activeLine = n;
            if (words.length != 2 || !isIndex(words[1])) {
                problems.error(n, "'auth' must name one key index from 1 to 15", "write e.g.: auth 1");
            } else {
                active = Integer.parseInt(words[1]);
            }
        }

        AuthKeys finish(Path source) throws ConfigException {
            if (activeLine == 0) {
                problems.error(0, "no 'auth N' line chooses the active key", "add a line such as: auth 1");
            } else if (active != null && !keyLines.containsKey(active)) {
                problems.error(activeLine, "'auth " + active + "' names key " + active + ", which is not defined"
                        + (keyLines.isEmpty() ? "" : " (keys: " + keyLines.keySet() + ")"),
                        "add a line '" + active + " sha256 SECRET' or choose an existing key");
            }
            problems.throwIfErrors();
            return new AuthKeys(source, active, keys);
        }
    }

    private static AuthKeys.Key key(Problems problems, int n, int index, String[] words) {
        String methodWord = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
        if (methodWord.equals("crc")) {
            problems.error(n, "key " + index + " uses crc, which authenticates nothing (anyone can compute a CRC)",
                    GOOD_KEY_HINT);
            return null;
        }
        var method = AuthMethod.fromKeyword(methodWord);
        if (method.isEmpty()) {
            // Only name the word when a secret follows it; otherwise it may be the secret itself.
            String shown = words.length == 3 && methodWord.matches("[a-z0-9]{1,10}") ? " '" + methodWord + "'" : "";
            problems.error(n, "key " + index + " has no known method" + shown + " (sha256, sha1 or md5)",
                    "write: " + index + " sha256 SECRET");
            return null;
        }
        String secret = words.length == 3 ? words[2].strip() : "";
        if (secret.isEmpty()) {
            problems.error(n, "key " + index + " (" + methodWord + ") has no secret", GOOD_KEY_HINT);
            return null;
        }
        if (secret.length() < AuthKeys.MIN_SECRET_LENGTH) {
            problems.error(n, "the secret of key " + index + " is shorter than " + AuthKeys.MIN_SECRET_LENGTH
                    + " characters", GOOD_KEY_HINT);
            return null;
        }
        return new AuthKeys.Key(method.get(), secret.getBytes(StandardCharsets.UTF_8));
    }

    static AuthKeys generate(Path file) throws ConfigException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigException(List.of(exists(file)));
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String content = "# Vigil cluster authentication keys. Copy this same file to every node,\n"
                + "# owned by root with mode 0600. Never share it outside the cluster.\n"
                + "auth 1\n1 sha256 " + HexFormat.of().formatHex(random) + "\n";
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".authkeys-", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(temp, OWNER_ONLY); // in case the umask removed owner bits
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            publish(temp, target);
            syncDirectory(target.getParent());
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(exists(file), e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(file + ": cannot create it (" + e.getMessage()
                    + ") — check that the directory is writable and on a POSIX file system", e);
        } finally {
            deleteQuietly(temp);
        }
        return read(file);
    }

    /** Links the finished file into place: atomic, and fails instead of replacing an existing file. */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof FileAlreadyExistsException exists) {
                throw exists;
            }
            Files.move(temp, target); // no hard links here: rename, still refusing an existing target
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system can sync a directory; the file itself is already synced.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // A leftover hidden temp file is harmless; the real file is complete or absent.
            }
        }
    }

    private static String exists(Path file) {
        return file + ": already exists; not overwriting it — every node needs the same secret, so copy this "
                + "file to the other nodes, or delete it first to start over with a new key";
    }

    /** Heartbeat's key indexes: 1 to 15. */
    private static boolean isIndex(String word) {
        if (!INDEX.matcher(word).matches()) {
            return false;
        }
        int i = Integer.parseInt(word);
        return i >= 1 && i <= 15;
    }

    /** {@code 0644}-style octal mode of a permission set. */
    static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= 1 << (8 - p.ordinal()); // the enum is ordered OWNER_READ … OTHERS_EXECUTE
        }
        return String.format("%04o", bits);
    }
}
