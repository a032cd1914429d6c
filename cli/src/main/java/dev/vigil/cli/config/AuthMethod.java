package dev.vigil.cli.config;

import java.util.Locale;
import java.util.Optional;

/**
 * A signature method of an {@code authkeys} line. Heartbeat's {@code sha1} and {@code md5} are
 * accepted so existing files keep working, and {@code sha256} is Vigil's. Whatever the method,
 * Vigil derives its cluster key with HKDF-SHA256 ({@link AuthKeys#deriveClusterKey(String)}); the
 * method name is part of the key material. Heartbeat's {@code crc} is refused: it is a checksum
 * anyone can compute and authenticates nothing.
 */
public enum AuthMethod {
    /** Heartbeat's SHA-1 method. */
    SHA1,
    /** Heartbeat's MD5 method. */
    MD5,
    /** Vigil's SHA-256 method; recommended. */
    SHA256;

    /** The word written in {@code authkeys}: {@code sha1}, {@code md5}, {@code sha256}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method for a keyword, ignoring case; empty for unknown keywords and for {@code crc}. */
    public static Optional<AuthMethod> fromKeyword(String keyword) {
        for (AuthMethod m : values()) {
            if (m.keyword().equalsIgnoreCase(keyword)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
