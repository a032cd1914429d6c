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
import dev.vigil.cib.store.ConfigHistory;
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
 * {@code stonith-history} answers the cluster's fencing history (oldest first). Quorum:
 * {@code quorum-status} answers this partition's quorum ({@link QuorumJson});
 * {@code quorum-override} ({@code off?} a boolean) grants this partition quorum by hand, or revokes that. Changes go through the DC; a refused change
 * answers {@code INVALID} with the reasons, an unknown resource or node {@code NOT_FOUND}.
 * Thread-safe.
 */
public final class DaemonRequests implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every operation, as the answer to an unknown one lists them. */
    static final List<String> OPS = List.of("status", "cib-query", "cib-replace", "cib-modify", "cib-delete",
            "resource-move", "resource-clear", "resource-cleanup", "resource-start", "resource-stop",
            "node-standby", "node-online", "stonith-fence", "stonith-confirm", "stonith-history", "history",
            "rollback", "quorum-status", "quorum-override");

    private final Controller controller;
    private final AdminRequests admin;
    private final ConfigHistory history;
    private final Clock clock;
    private final Executor executor;

    DaemonRequests(Controller controller, ConfigHistory history) {
        this(controller, Clock.systemUTC(), ForkJoinPool.commonPool(), history);
    }

    /**
     * @param clock the time a move's lifetime starts from
     * @param executor where the CIB is read and the scheduler consulted, off the controller's loop
     */
    public DaemonRequests(Controller controller, Clock clock, Executor executor) {
        this(controller, clock, executor, null);
    }

    /** @param history this node's configuration history (null: none kept) */
    public DaemonRequests(Controller controller, Clock clock, Executor executor, ConfigHistory history) {
        this.controller = controller;
        this.admin = new AdminRequests(controller, clock, executor);
        this.history = history;
        this.clock = clock;
        this.executor = executor;
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
                    request.op().equals("node-standby"), "reboot".equals(optional(args, "lifetime")));
            case "node-maintenance" -> admin.maintenance(request, optional(args, "node"),
                    args.path("on").asBoolean(true));
            case "node-attribute" -> admin.nodeAttribute(request, text(args, "node"), text(args, "name"),
                    optional(args, "value"), "reboot".equals(optional(args, "lifetime")));
            case "stonith-fence" -> fence(request, text(args, "node"), optional(args, "action"));
            case "stonith-confirm" -> fenceOutcome(request, text(args, "node"),
                    controller.confirmFenced(text(args, "node")), "confirmed down");
            case "stonith-history" -> controller.fenceHistory().thenApply(DaemonRequests::historyJson);
            case "history" -> CompletableFuture.supplyAsync(this::configHistory, executor);
            case "rollback" -> rollback(request, text(args, "version"));
            case "quorum-status" -> controller.quorumStatus().thenApply(q -> (JsonNode) QuorumJson.of(q));
            case "quorum-override" -> quorumOverride(request, args.path("off").asBoolean(false));
            default -> CompletableFuture.failedFuture(new ControlException(ControlException.UNKNOWN_OP,
                    "unknown operation '" + request.op() + "' (" + String.join(", ", OPS) + ")"));
        };
    }

    private CompletableFuture<JsonNode> change(Request request, CibChange change) {
        CibChange attributed = attributed(request, change, controller.nodeName());
        if (isDryRun(request)) {
            return controller.status().thenApplyAsync(s -> {
                try {
                    return Preview.of(s, List.of(attributed), clock.instant(), "");
                } catch (ControlException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor);
        }
        LOG.info("{} (uid {}) asked for {}", request.peer().user(), request.peer().uid(), request.op());
        return controller.change(attributed).thenCompose(problems -> {
            if (problems.isEmpty()) {
                return controller.status().thenApply(s -> (JsonNode) JSON.createObjectNode()
                        .put("version", s.cibVersion().toString()));
            }
            LOG.warn("{} refused: {}", request.op(), String.join("; ", problems));
            return CompletableFuture.failedFuture(new ControlException(ControlException.INVALID,
                    String.join("\n", problems)));
        });
    }

    /** Whether the request asks only for a preview ({@code dry_run: true}). */
    static boolean isDryRun(Request request) {
        JsonNode v = request.args().get("dry_run");
        return v != null && v.asBoolean(false);
    }

    /**
     * {@code change} marked with who asked ({@code update-user}), the command ({@code update-client}:
     * the request's {@code command} argument, else {@code vigil OP}) and this node, and guarded by the
     * request's {@code expected_epoch} when it gives one.
     */
    static CibChange attributed(Request request, CibChange change, String node) {
        JsonNode command = request.args().get("command");
        String client = command != null && command.isTextual() && !command.asText().isBlank()
                ? command.asText() : "vigil " + request.op();
        JsonNode expected = request.args().get("expected_epoch");
        String user = request.peer().user() == null ? "uid " + request.peer().uid() : request.peer().user();
        return new CibChange.Attributed(change, user, client, node,
                expected != null && expected.isTextual() ? expected.asText() : null);
    }

    private JsonNode configHistory() {
        if (history == null) {
            throw new java.util.concurrent.CompletionException(new ControlException(ControlException.NOT_FOUND,
                    "this daemon keeps no configuration history"));
        }
        try {
            ArrayNode a = JSON.createArrayNode();
            for (ConfigHistory.Entry e : history.list()) {
                a.addObject().put("version", e.version()).put("epoch", e.epoch()).put("written", e.written())
                        .put("user", e.user()).put("command", e.client()).put("origin", e.origin());
            }
            return a;
        } catch (java.io.IOException e) {
            throw new java.util.concurrent.CompletionException(new ControlException(ControlException.INTERNAL,
                    "cannot read the configuration history: " + e.getMessage(), e));
        }
    }

    private CompletableFuture<JsonNode> rollback(Request request, String version) {
        if (history == null) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.NOT_FOUND,
                    "this daemon keeps no configuration history"));
        }
        java.util.Optional<dev.vigil.cib.xml.XmlElement> old;
        try {
            old = history.load(version);
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.INTERNAL, e.getMessage(), e));
        }
        if (old.isEmpty()) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.NOT_FOUND,
                    "no configuration " + version + " in the history ('vigil history' lists them)"));
        }
        return change(request, new CibChange.ConfigurationReplaced(
                dev.vigil.cib.xml.XmlWriter.toXml(old.get()))).thenApply(r -> {
                    if (r instanceof ObjectNode o && !o.has("dry_run")) {
                        o.put("message", "The configuration is as it was at " + version + ".");
                    }
                    return r;
                });
    }

    private CompletableFuture<JsonNode> quorumOverride(Request request, boolean off) {
        String by = (request.peer().user() == null ? "uid " + request.peer().uid() : request.peer().user())
                + " on " + controller.nodeName();
        LOG.info("{} (uid {}) asked for {}{}", request.peer().user(), request.peer().uid(), request.op(),
                off ? " --off" : "");
        return controller.overrideQuorum(!off, by).thenCompose(problems -> {
            if (!problems.isEmpty()) {
                return CompletableFuture.failedFuture(new ControlException(ControlException.INVALID,
                        String.join("\n", problems)));
            }
            return controller.quorumStatus().thenApply(q -> (JsonNode) JSON.createObjectNode()
                    .put("message", off ? "Quorum override revoked: " + q.summary()
                            : "Quorum granted by hand to this partition (" + String.join(", ", q.members())
                            + "): it will run resources. Revoke with `vigil quorum override --off`.")
                    .set("quorum", QuorumJson.of(q)));
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
        o.set("quorum", QuorumJson.of(s.quorum()));
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
