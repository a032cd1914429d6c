package dev.vigil.cib.store;

import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.model.CibVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One copy of the CIB on disk, a file and its digest file ({@code cib.xml} + {@code cib.xml.sig}, or
 * {@code cib-N.raw} + {@code cib-N.raw.sig}), and the checks that decide whether it may be used:
 * digest, well-formed XML, {@code <cib>} root with a {@code <configuration>}, readable version, and
 * a reader that copes with it. Configuration mistakes (an order naming an unknown resource) are not
 * reasons to refuse a copy: they are reported when the CIB is validated. Immutable.
 */
record StoredCopy(Path file, Path digestFile) {
    /** The outcome of {@link #verify()}. */
    sealed interface Verdict permits Accepted, Refused { }

    /**
     * @param isPreviousVersion the file matched the digest file's {@code previous-sha256}: a write was
     *     interrupted before its new file was renamed into place, and this is the version it replaced
     */
    record Accepted(LoadedCib cib, boolean isPreviousVersion) implements Verdict { }

    /**
     * @param reason why, completing "FILE was refused: ..."
     * @param isDamaged whether the file's content is at fault (so it is moved aside), as opposed to
     *     an I/O error reading it (left in place)
     */
    record Refused(String reason, boolean isDamaged) implements Verdict { }

    Verdict verify() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Refused("the file is missing", false);
        } catch (IOException e) {
            return new Refused("it cannot be read (" + e + "); check its owner and mode", false);
        }
        String digestName = digestFile.getFileName().toString();
        CibDigest expected;
        try {
            expected = CibDigest.parse(Files.readString(digestFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new Refused("it has no digest file " + digestName + ", so Vigil cannot tell it from a"
                    + " damaged file (was it written by hand or copied in?)", true);
        } catch (IOException e) {
            return new Refused("its digest file " + digestName + " cannot be read (" + e + ")", false);
        } catch (IllegalArgumentException e) {
            return new Refused("its digest file " + digestName + " is damaged: " + e.getMessage(), true);
        }
        String found = CibDigest.sha256Of(bytes);
        boolean isPrevious = false;
        if (!found.equals(expected.sha256())) {
            if (!found.equals(expected.previousSha256())) {
                return new Refused("digest mismatch (expected " + CibDigest.shortForm(expected.sha256())
                        + (expected.version() == null ? "" : " for version " + expected.version())
                        + ", found " + CibDigest.shortForm(found)
                        + "): the file was changed outside Vigil or damaged", true);
            }
            isPrevious = true;
        }
        return check(bytes, found, isPrevious);
    }

    private Verdict check(byte[] bytes, String sha256, boolean isPrevious) {
        XmlElement root;
        try {
            root = XmlParser.parse(new ByteArrayInputStream(bytes), file.getFileName().toString());
        } catch (XmlParseException e) {
            return new Refused("it is not well-formed XML (" + e.getMessage() + ")", true);
        }
        if (!root.name().equals("cib")) {
            return new Refused("its root element is <" + root.name() + ">, expected <cib>", true);
        }
        if (root.element("configuration") == null) {
            return new Refused("it has no <configuration> section", true);
        }
        CibVersion version;
        try {
            version = CibVersions.of(root);
            CibReader.read(root);
        } catch (RuntimeException e) {
            return new Refused("it cannot be read as a CIB: " + e.getMessage(), true);
        }
        return new Accepted(new LoadedCib(root, version, file, sha256), isPrevious);
    }
}
