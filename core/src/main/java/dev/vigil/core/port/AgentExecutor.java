package dev.vigil.core.port;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs resource-agent operations on the local node. Implementations are thread-safe; results
 * complete on the executor's own threads, so an event-loop caller must post them back to its
 * loop rather than act on them in the callback.
 *
 * <p>Contract: one operation per resource at a time (others for the same resource wait their
 * turn); every operation has a timeout, after which the agent's whole process tree is killed;
 * a stop or a demote cancels the resource's recurring monitors first.
 */
public interface AgentExecutor extends AutoCloseable {

    /** Runs one operation; the future never completes exceptionally. */
    CompletableFuture<OperationResult> execute(OperationRequest request);

    /**
     * Starts a recurring operation at {@code request.interval()}. The first result is always
     * reported; after that only results that differ from the previous one ("no news is good
     * news"). Replaces a recurring operation with the same key.
     */
    void startRecurring(OperationRequest request, Consumer<OperationResult> onChange);

    /** Cancels one recurring operation; returns whether it was active. */
    boolean cancelRecurring(String resourceId, String operationKey);

    /** Cancels every recurring operation of a resource; returns how many were active. */
    int cancelAllRecurring(String resourceId);

    /** Stops accepting work, cancels recurring operations and kills agents still running. */
    @Override
    void close();
}
