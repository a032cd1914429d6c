package dev.vigil.cib.store;

import java.util.List;
import java.util.Optional;

/**
 * What {@link CibFileStore#load()} found: the newest good copy of the CIB, if any, and one line per
 * file it refused or decision it made, each naming the file, the reason and what to do. The caller
 * logs the warnings (at WARN); an empty {@code cib} means the node must take the CIB from a peer or
 * start a new one. Immutable.
 */
public record LoadResult(Optional<LoadedCib> cib, List<String> warnings) {
    public LoadResult {
        java.util.Objects.requireNonNull(cib, "cib");
        warnings = List.copyOf(warnings);
    }
}
