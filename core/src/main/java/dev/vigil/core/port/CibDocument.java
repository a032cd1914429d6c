package dev.vigil.core.port;

import dev.vigil.core.model.Cib;
import dev.vigil.core.model.CibVersion;
import java.util.List;

/**
 * This node's copy of the CIB: the XML document, its model for the scheduler, and its
 * persistence. Only the DC {@link #apply applies} changes; other nodes {@link #adopt adopt}
 * what the DC replicates. Every successful call has persisted the new document before it
 * returns (atomic write, fsync), so an acknowledged change survives {@code kill -9}. Not
 * thread-safe: owned by the controller's event loop.
 */
public interface CibDocument {

    CibVersion version();

    /** The document as the scheduler sees it. */
    Cib model();

    /** The document as XML (for replication, {@code vigil cib query}, offline replay). */
    String toXml();

    /**
     * Applies a change and bumps the version.
     *
     * @return problems that made the change refused (empty when applied); a refused change
     *         leaves the document and the file on disk untouched
     */
    List<String> apply(CibChange change);

    /**
     * Replaces this copy with {@code xml} (a whole CIB from the DC or a peer).
     *
     * @throws IllegalArgumentException when the document is malformed or invalid; nothing changes
     */
    void adopt(String xml);
}
