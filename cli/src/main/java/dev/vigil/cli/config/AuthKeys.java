package dev.vigil.cli.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Heartbeat's {@code authkeys} file: numbered keys ({@code N METHOD SECRET}) and the active one
 * ({@code auth N}). Vigil derives the key that authenticates and encrypts cluster traffic from the
 * active secret with {@link #deriveClusterKey(String)}.
 *
 * <p>Secrets never leave this object except as derived keys: {@link #toString()} and every error
 * message leave them out. Immutable and thread-safe.
 */
public final class AuthKeys {
    /** Shortest secret accepted, in characters. */
    public static final int MIN_SECRET_LENGTH = 8;
    /** Length of {@link #deriveClusterKey(String)}'s result, in bytes. */
    public static final int CLUSTER_KEY_LENGTH = 32;
    private static final byte[] SALT = "vigil-cluster-key-v1".getBytes(StandardCharsets.US_ASCII);

    private final Path source;
    private final int activeIndex;
    private final SortedMap<Integer, Key> keys;

    /** One numbered key. Holds a secret: never printed. */
    static final class Key {
        private final AuthMethod method;
        private final byte[] secret;

        Key(AuthMethod method, byte[] secret) {
            this.method = Objects.requireNonNull(method, "method");
            this.secret = secret.clone();
        }

        AuthMethod method() {
            return method;
        }

        @Override
        public String toString() {
            return method.keyword() + " <secret redacted>";
        }
    }

    AuthKeys(Path source, int activeIndex, Map<Integer, Key> keys) {
        this.source = Objects.requireNonNull(source, "source");
        this.keys = new TreeMap<>(keys);
        if (!this.keys.containsKey(activeIndex)) {
            throw new IllegalArgumentException("active key " + activeIndex + " is not among keys "
                    + this.keys.keySet());
        }
        this.activeIndex = activeIndex;
    }

    /**
     * Loads an authkeys file. Refuses it when it is missing or unreadable, when group or others have
     * any permission on it (it must be mode 0600 or stricter), and when its content is invalid.
     *
     * @throws ConfigException listing every problem, each naming the file and line, never a secret
     */
    public static AuthKeys load(Path file) throws ConfigException {
        return AuthKeysFile.read(file);
    }

    /**
     * Creates a new authkeys file with one fresh random SHA-256 secret ({@code auth 1},
     * {@code 1 sha256 <64 hex digits>}). The file appears atomically, complete and with mode 0600;
     * an existing file is never overwritten. Missing parent directories are created.
     *
     * @return the keys just written
     * @throws ConfigException if the file exists or cannot be written
     */
    public static AuthKeys generate(Path file) throws ConfigException {
        return AuthKeysFile.generate(file);
    }

    /** The file these keys were read from. */
    public Path source() {
        return source;
    }

    /** The index chosen by {@code auth N}. */
    public int activeIndex() {
        return activeIndex;
    }

    /** The method of the active key. */
    public AuthMethod activeMethod() {
        return keys.get(activeIndex).method();
    }

    /** All key indexes, ascending. */
    public List<Integer> indexes() {
        return List.copyOf(new ArrayList<>(keys.keySet()));
    }

    /** The method of key {@code index}. */
    public AuthMethod method(int index) {
        return key(index).method();
    }

    /**
     * The 32-byte cluster key from the active secret: HKDF-SHA256 (RFC 5869) with salt
     * {@code vigil-cluster-key-v1}, input keying material {@code METHOD ":" SECRET} and info the
     * cluster name. Nodes with the same authkeys and cluster name get the same key; a different
     * secret, method or cluster name gives a different one. Returns a new array each call.
     */
    public byte[] deriveClusterKey(String clusterName) {
        return deriveClusterKey(clusterName, activeIndex);
    }

    /** Like {@link #deriveClusterKey(String)} for key {@code index}, e.g. to accept an older key during rotation. */
    public byte[] deriveClusterKey(String clusterName, int index) {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name is blank");
        }
        Key key = key(index);
        byte[] prefix = (key.method.keyword() + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] ikm = new byte[prefix.length + key.secret.length];
        System.arraycopy(prefix, 0, ikm, 0, prefix.length);
        System.arraycopy(key.secret, 0, ikm, prefix.length, key.secret.length);
        try {
            return Hkdf.derive(SALT, ikm, clusterName.getBytes(StandardCharsets.UTF_8), CLUSTER_KEY_LENGTH);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private Key key(int index) {
        Key key = keys.get(index);
        if (key == null) {
            throw new IllegalArgumentException("no key " + index + " in " + source + "; keys are " + keys.keySet());
        }
        return key;
    }

    /** Names the file, the active index and each key's method; secrets are redacted. */
    @Override
    public String toString() {
        return "AuthKeys[" + source + ", auth " + activeIndex + ", keys " + keys + "]";
    }
}
