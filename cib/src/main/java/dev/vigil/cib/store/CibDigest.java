package dev.vigil.cib.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The content of a digest file ({@code cib.xml.sig}, {@code cib-N.raw.sig}): the SHA-256 of the
 * exact bytes of its CIB file, the CIB version for messages and, in {@code cib.xml.sig} only, the
 * digest of the version it replaces. Immutable.
 *
 * <p>Format, one {@code key value} pair a line: {@code sha256 HEX}, optional {@code version A.E.N},
 * optional {@code previous-sha256 HEX}. The previous digest lets {@link CibFileStore} accept the old
 * {@code cib.xml} when a write stopped after replacing the digest file but before renaming the new
 * {@code cib.xml} into place (see {@link CibFileStore#write}).
 *
 * @param sha256 lower-case hex digest of the file's bytes
 * @param version the CIB version ({@code admin_epoch.epoch.num_updates}), or null when unknown
 * @param previousSha256 the digest of the version being replaced, or null
 */
record CibDigest(String sha256, String version, String previousSha256) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    CibDigest {
        requireHex("sha256", sha256);
        if (previousSha256 != null) {
            requireHex("previous-sha256", previousSha256);
        }
    }

    /** Parses a digest file's text; the exception message says what is wrong with it. */
    static CibDigest parse(String text) {
        String sha = null;
        String version = null;
        String previous = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            switch (key) {
                case "sha256" -> sha = value;
                case "version" -> version = value;
                case "previous-sha256" -> previous = value;
                default -> throw new IllegalArgumentException("unknown line '" + abbreviate(line) + "'");
            }
        }
        if (sha == null) {
            throw new IllegalArgumentException("no 'sha256' line");
        }
        return new CibDigest(sha, version, previous);
    }

    String render() {
        StringBuilder sb = new StringBuilder("sha256 ").append(sha256).append('\n');
        if (version != null) {
            sb.append("version ").append(version).append('\n');
        }
        if (previousSha256 != null) {
            sb.append("previous-sha256 ").append(previousSha256).append('\n');
        }
        return sb.toString();
    }

    static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** The first 12 hex digits and an ellipsis, enough to tell digests apart in a message. */
    static String shortForm(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 12) + "...";
    }

    private static void requireHex(String key, String value) {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + key + "' is '" + abbreviate(String.valueOf(value))
                    + "', expected 64 lower-case hex digits");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
