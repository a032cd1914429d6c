package dev.vigil.core.port;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fences nodes with the fence devices and {@code fencing-topology} of the CIB. Thread-safe; no
 * method blocks the caller: work runs on the fencer's own threads and results complete there, so
 * an event-loop caller must post them back to its loop rather than act on them in the callback.
 *
 * <p>Contract: a successful result means the target can no longer run resources (it is off, or
 * was reset), so its resources may be recovered elsewhere. Levels are tried in ascending index,
 * all devices of a level must succeed, and a failing level falls through to the next; without a
 * topology the capable devices are tried by descending priority. Every attempt has a timeout. A
 * request for a target and action that is already being fenced joins that operation.
 */
public interface Fencer extends AutoCloseable {

    /** Fences {@code request.target()}; the future never completes exceptionally. */
    CompletableFuture<FenceResult> fence(FenceRequest request);

    /**
     * An operator confirms that {@code node} is safely down (powered off or disconnected), as
     * {@code vigil stonith confirm NODE} does; this completes a manual-fencing attempt that waits
     * for it.
     *
     * @return whether a fencing attempt was waiting for this confirmation
     */
    boolean confirm(String node);

    /** Finished operations, oldest first (bounded: the oldest are dropped first). */
    List<FenceResult> history();

    /** Stops accepting requests, ends running operations as {@link FenceResult.Status#CANCELLED}. */
    @Override
    void close();
}
