package dev.vigil.cli.daemon.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * One control request, already parsed and admitted by the {@link AccessPolicy}.
 *
 * <p>Treat as immutable: handlers must not modify {@code args} (Jackson nodes are mutable,
 * so this is by convention).
 *
 * @param op the operation name, e.g. {@code status}; never empty
 * @param args the arguments object; an empty object when the request had none
 * @param peer who sent it
 */
public record Request(String op, JsonNode args, Peer peer) {
    /** Validates; a {@code null} or JSON-null {@code args} becomes an empty object. */
    public Request {
        Objects.requireNonNull(op, "op");
        if (op.isEmpty()) {
            throw new IllegalArgumentException("op must not be empty");
        }
        if (args == null || args.isNull() || args.isMissingNode()) {
            args = JsonNodeFactory.instance.objectNode();
        }
        Objects.requireNonNull(peer, "peer");
    }
}
