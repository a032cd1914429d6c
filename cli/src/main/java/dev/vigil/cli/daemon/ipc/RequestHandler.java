package dev.vigil.cli.daemon.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * Answers control requests; supplied by the daemon.
 *
 * <p>Outcomes: a future completed with a value answers {@code {"ok":true,"result":VALUE}}
 * ({@code null} becomes JSON null); completed exceptionally with a {@link ControlException}
 * answers that code and message (use {@link ControlException#UNKNOWN_OP} for operations the
 * daemon does not know); any other exception, a {@code null} future or a throw from
 * {@code handle} itself answers {@link ControlException#INTERNAL}; a future not completed within
 * the server's request timeout answers {@link ControlException#TIMEOUT} and is cancelled.
 *
 * <p>Threading: called on a connection thread of the {@link ControlServer}, possibly by several
 * connections at once. Must return quickly: post the request to the controller's event loop
 * and complete the future from there (or from an executor) rather than doing the work inline.
 */
@FunctionalInterface
public interface RequestHandler {
    /** Starts answering {@code request}; see the interface description for the outcomes. */
    CompletableFuture<JsonNode> handle(Request request);
}
