package dev.vigil.cib.store;

import dev.vigil.core.model.CibVersion;
import java.util.List;

/**
 * What {@link CibFileStore#write} made durable: the version and digest now in {@code cib.xml}, and
 * warnings for the caller to log (for example a {@code cib.xml} changed by hand while the daemon
 * ran, which was moved aside rather than overwritten). Immutable.
 */
public record WriteResult(CibVersion version, String sha256, List<String> warnings) {
    public WriteResult {
        warnings = List.copyOf(warnings);
    }
}
