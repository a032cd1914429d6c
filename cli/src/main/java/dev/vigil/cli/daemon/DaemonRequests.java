package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.daemon.ipc.Request;
import dev.vigil.cli.daemon.ipc.RequestHandler;
import dev.vigil.core.controller.Controller;
import dev.vigil.core.controller.ControllerStatus;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.LinkStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's operations: {@code status}, {@code cib-query}, {@code cib-replace}
 * ({@code xml}), {@code cib-modify} ({@code xml}), {@code cib-delete} ({@code id}). Changes go
 * through the DC; a refused change answers {@code INVALID} with the reasons. Thread-safe.
 */
final class DaemonRequests implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Controller controller;

    DaemonRequests(Controller controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<JsonNode> handle(Request request) {
        try {
            return dispatch(request);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.BAD_REQUEST,
                    request.op() + ": " + e.getMessage()));
        }
    }

    private CompletableFuture<JsonNode> dispatch(Request request) {
        JsonNode args = request.args();
        return switch (request.op()) {
            case "status" -> controller.status().thenApply(DaemonRequests::statusJson);
            case "cib-query" -> controller.status().thenApply(s -> JSON.getNodeFactory().textNode(s.cibXml()));
            case "cib-replace" -> change(request, new CibChange.ConfigurationReplaced(text(args, "xml")));
            case "cib-modify" -> change(request, new CibChange.ConfigurationModified(text(args, "xml")));
            case "cib-delete" -> change(request, new CibChange.ConfigurationElementDeleted(text(args, "id")));
            default -> CompletableFuture.failedFuture(new ControlException(ControlException.UNKNOWN_OP,
                    "unknown operation '" + request.op() + "' (status, cib-query, cib-replace, cib-modify, "
                            + "cib-delete)"));
        };
    }

    private CompletableFuture<JsonNode> change(Request request, CibChange change) {
        LOG.info("{} (uid {}) asked for {}", request.peer().user(), request.peer().uid(), request.op());
        return controller.change(change).thenCompose(problems -> {
            if (problems.isEmpty()) {
                return controller.status().thenApply(s -> (JsonNode) JSON.createObjectNode()
                        .put("version", s.cibVersion().toString()));
            }
            LOG.warn("{} refused: {}", request.op(), String.join("; ", problems));
            return CompletableFuture.failedFuture(new ControlException(ControlException.INVALID,
                    String.join("\n", problems)));
        });
    }

    private static String text(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("argument '" + field + "' (a string) is required");
        }
        return v.asText();
    }

    static ObjectNode statusJson(ControllerStatus s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("node", s.node());
        o.put("dc", s.dc());
        ArrayNode members = o.putArray("members");
        s.members().forEach(members::add);
        ArrayNode links = o.putArray("links");
        for (LinkStatus l : s.links()) {
            ObjectNode lo = links.addObject();
            lo.put("name", l.link());
            lo.put("up", l.up());
            ArrayNode r = lo.putArray("reachable");
            l.reachable().forEach(r::add);
        }
        o.put("cib_version", s.cibVersion().toString());
        o.put("transition", s.transition());
        ArrayNode w = o.putArray("warnings");
        s.warnings().forEach(w::add);
        o.put("cib", s.cibXml());
        return o;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
