package dev.vigil.cib.store;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.core.model.CibVersion;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A CIB read back from the state directory after its digest and structure were checked. Immutable.
 *
 * @param root the parsed document, root {@code <cib>}
 * @param version its version, from the root's attributes
 * @param source the file it came from: {@code cib.xml} or a backup {@code cib-N.raw}
 * @param sha256 the hex SHA-256 of the file's bytes
 */
public record LoadedCib(XmlElement root, CibVersion version, Path source, String sha256) {
    public LoadedCib {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Whether this copy came from a backup because {@code cib.xml} was missing or refused. */
    public boolean isFromBackup() {
        return !source.getFileName().toString().equals(CibFileStore.CIB_FILE);
    }
}
