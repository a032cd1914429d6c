package dev.vigil.core.controller;

import dev.vigil.core.model.Booleans;
import dev.vigil.core.model.Cib;
import dev.vigil.core.model.Clone;
import dev.vigil.core.model.Durations;
import dev.vigil.core.model.Group;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import dev.vigil.core.model.Role;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.ResourceAgentId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a scheduled action ({@code resource}, {@code task}) into the operation an executor runs:
 * the agent, instance attributes, meta attributes (clone ones included), the timeout from the
 * matching {@code <op>} (else {@code op_defaults}, else 20 s) and, for a recurring monitor, its
 * interval. Stateless.
 */
final class OperationFactory {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** A resource as the executor and the status section name it. */
    record Target(Primitive primitive, Clone parentClone, String instanceId, String historyId) {
        ResourceAgentId agent() {
            return new ResourceAgentId(primitive.agentClass(), primitive.provider(), primitive.type());
        }

        boolean isPromotable() {
            return parentClone != null && parentClone.promotable();
        }
    }

    private OperationFactory() {
    }

    /**
     * Finds the primitive behind a scheduled resource id: {@code db} or a clone instance
     * {@code db:1}. An anonymous clone's instances share the primitive's id in the status
     * section; a globally unique clone's keep their instance number.
     */
    static Optional<Target> target(Cib cib, String resourceId) {
        String base = resourceId;
        int colon = resourceId.lastIndexOf(':');
        if (colon > 0 && resourceId.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            base = resourceId.substring(0, colon);
        }
        for (Resource r : cib.resources()) {
            Optional<Target> t = find(r, null, base, resourceId);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static Optional<Target> find(Resource r, Clone clone, String base, String instanceId) {
        if (r instanceof Primitive p) {
            if (p.id().equals(base) || p.id().equals(instanceId)) {
                boolean unique = clone != null && Booleans.isTrue(clone.meta().get("globally-unique"));
                String history = clone != null && unique ? instanceId : p.id();
                return Optional.of(new Target(p, clone, instanceId, history));
            }
            return Optional.empty();
        }
        if (r instanceof Group g) {
            for (Primitive p : g.children()) {
                Optional<Target> t = find(p, clone, base, instanceId);
                if (t.isPresent()) {
                    return t;
                }
            }
            return Optional.empty();
        }
        if (r instanceof Clone c) {
            return find(c.child(), c, base, instanceId);
        }
        return Optional.empty();
    }

    /**
     * The operation for {@code task} ({@code start}, {@code stop}, {@code monitor} for a probe,
     * {@code monitor=10000} for a recurring monitor, …) on {@code target}.
     */
    static OperationRequest request(Cib cib, Target target, String task) {
        String action = task;
        long intervalMs = 0;
        int eq = task.indexOf('=');
        if (eq > 0) {
            action = task.substring(0, eq);
            intervalMs = Long.parseLong(task.substring(eq + 1));
        }
        Optional<Operation> op = operation(target.primitive(), action, intervalMs);
        Duration timeout = timeout(cib, op);
        Map<String, String> meta = new HashMap<>();
        if (target.parentClone() != null) {
            target.parentClone().meta().forEach(meta::put);
            int colon = target.instanceId().lastIndexOf(':');
            if (colon > 0) {
                meta.put("clone", target.instanceId().substring(colon + 1));
            }
            meta.putIfAbsent("globally-unique", "false");
        }
        target.primitive().meta().forEach(meta::put);
        int depth = op.map(o -> o.attributes().get("OCF_CHECK_LEVEL")).map(OperationFactory::parseInt).orElse(0);
        if (op.isPresent() && op.get().role() != null) {
            meta.put("role", op.get().role() == Role.PROMOTED ? "Promoted" : "Unpromoted");
        }
        return new OperationRequest(target.instanceId(), target.agent(), action, Duration.ofMillis(intervalMs),
                timeout, target.primitive().params(), meta, depth);
    }

    static Optional<Operation> operation(Primitive p, String action, long intervalMs) {
        return p.operations().stream().filter(o -> o.name().equals(action) && o.intervalMs() == intervalMs)
                .findFirst();
    }

    private static Duration timeout(Cib cib, Optional<Operation> op) {
        String text = op.map(o -> o.attributes().get("timeout")).orElse(null);
        if (text == null) {
            text = cib.operationDefaults().get("timeout");
        }
        long ms = text == null ? -1 : Durations.parseMillis(text, -1);
        return ms > 0 ? Duration.ofMillis(ms) : DEFAULT_TIMEOUT;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
