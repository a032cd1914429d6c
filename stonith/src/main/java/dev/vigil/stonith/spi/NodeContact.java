package dev.vigil.stonith.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * When this node last heard from a peer, as cluster membership knows it. The daemon implements
 * it over its membership view; drivers that judge a peer by its silence (watchdog fencing) read
 * it. Implementations must be thread-safe and fast.
 */
@FunctionalInterface
public interface NodeContact {

    /** Knows nothing: every peer is treated as last seen when a device starts to wait for it. */
    NodeContact UNKNOWN = node -> Optional.empty();

    /**
     * The last instant {@code node} was known alive (heard from on any link); a node that is a
     * member right now is seen "now". Empty when this node does not know.
     */
    Optional<Instant> lastSeen(String node);
}
