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
import dev.vigil.core.controller.FenceEvent;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.FenceAction;
import dev.vigil.core.port.LinkStatus;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's operations: {@code status}, {@code cib-query}, {@code cib-replace}
 * ({@code xml}), {@code cib-modify} ({@code xml}), {@code cib-delete} ({@code id}), and the
 * administration operations of {@link AdminRequests}: {@code resource-move} ({@code resource},
 * {@code node?}, {@code lifetime?}), {@code resource-clear} ({@code resource}, {@code node?}),
 * {@code resource-cleanup} ({@code resource?}, {@code node?}), {@code resource-start} and
 * {@code resource-stop} ({@code resource}), {@code node-standby} and {@code node-online}
 * ({@code node?}, default this node); these answer {@code version}, {@code changed} (false when
 * there was nothing to do) and {@code message}. Fencing: {@code stonith-fence} ({@code node},
 * {@code action?} off or reboot, default reboot) answers once the node is fenced;
 * {@code stonith-confirm} ({@code node}) records an operator's word that a node is down;
 * {@code stonith-history} answers the cluster's fencing history (oldest first). Changes go through the DC; a refused change
 * answers {@code INVALID} with the reasons, an unknown resource or node {@code NOT_FOUND}.
 * Thread-safe.
 */
public final class DaemonRequests implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every operation, as the answer to an unknown one lists them. */
    static final List<String> OPS = List.of("status", "cib-query", "cib-replace", "cib-modify", "cib-delete",
            "resource-move", "resource-clear", "resource-cleanup", "resource-start", "resource-stop",
            "node-standby", "node-online", "stonith-fence", "stonith-confirm", "stonith-history");

    private final Controller controller;
    private final AdminRequests admin;

    DaemonRequests(Controller controller) {
        this(controller, Clock.systemUTC(), ForkJoinPool.commonPool());
    }

    /**
     * @param clock the time a move's lifetime starts from
     * @param executor where the CIB is read and the scheduler consulted, off the controller's loop
     */
    public DaemonRequests(Controller controller, Clock clock, Executor executor) {
        this.controller = controller;
        this.admin = new AdminRequests(controller, clock, executor);
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
            case "resource-move" -> admin.move(request, text(args, "resource"), optional(args, "node"),
                    optional(args, "lifetime"));
            case "resource-clear" -> admin.clear(request, text(args, "resource"), optional(args, "node"));
            case "resource-cleanup" -> admin.cleanup(request, optional(args, "resource"), optional(args, "node"));
            case "resource-start", "resource-stop" -> admin.targetRole(request, text(args, "resource"),
                    request.op().equals("resource-start"));
            case "node-standby", "node-online" -> admin.standby(request, optional(args, "node"),
                    request.op().equals("node-standby"));
            case "stonith-fence" -> fence(request, text(args, "node"), optional(args, "action"));
            case "stonith-confirm" -> fenceOutcome(request, text(args, "node"),
                    controller.confirmFenced(text(args, "node")), "confirmed down");
            case "stonith-history" -> controller.fenceHistory().thenApply(DaemonRequests::historyJson);
            default -> CompletableFuture.failedFuture(new ControlException(ControlException.UNKNOWN_OP,
                    "unknown operation '" + request.op() + "' (" + String.join(", ", OPS) + ")"));
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

    private CompletableFuture<JsonNode> fence(Request request, String node, String action) {
        FenceAction a = action == null ? FenceAction.REBOOT : FenceAction.parse(action);
        if (a == FenceAction.ON) {
            throw new IllegalArgumentException("action must be off or reboot, not on");
        }
        return fenceOutcome(request, node, controller.fence(node, a), "fenced (" + a.value() + ")");
    }

    private CompletableFuture<JsonNode> fenceOutcome(Request request, String node,
            CompletableFuture<List<String>> outcome, String done) {
        LOG.info("{} (uid {}) asked for {} of {}", request.peer().user(), request.peer().uid(), request.op(), node);
        return outcome.thenCompose(problems -> {
            if (problems.isEmpty()) {
                return CompletableFuture.completedFuture((JsonNode) JSON.createObjectNode()
                        .put("message", "node " + node + " " + done));
            }
            String code = problems.get(0).startsWith("unknown node") ? ControlException.NOT_FOUND
                    : ControlException.INVALID;
            return CompletableFuture.failedFuture(new ControlException(code, String.join("\n", problems)));
        });
    }

    static ArrayNode historyJson(List<FenceEvent> events) {
        ArrayNode a = JSON.createArrayNode();
        for (FenceEvent e : events) {
            ObjectNode o = a.addObject();
            o.put("target", e.target());
            o.put("action", e.action());
            o.put("status", e.status());
            o.put("origin", e.origin());
            o.put("executioner", e.executioner());
            o.put("level", e.level());
            ArrayNode d = o.putArray("devices");
            e.devices().forEach(d::add);
            o.put("error", e.error());
            o.put("started", e.started().toString());
            o.put("finished", e.finished().toString());
        }
        return a;
    }

    private static String text(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("argument '" + field + "' (a string) is required");
        }
        return v.asText();
    }

    /** An optional string argument: null when absent or JSON null; an empty string counts as absent. */
    private static String optional(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("argument '" + field + "' must be a string");
        }
        return v.asText().isEmpty() ? null : v.asText();
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
        o.set("fencing_history", historyJson(s.fenceHistory()));
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
