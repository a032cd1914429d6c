package dev.vigil.core.scheduler;

import dev.vigil.core.model.NodeState;
import dev.vigil.core.model.Operation;
import dev.vigil.core.model.OperationRecord;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.ResourceHistory;
import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads each node's operation history ({@code lrm_rsc_op}) to find where every resource runs now, in
 * which role, and which operations failed. Histories of unknown resources become orphans.
 */
final class HistoryUnpacker {
    private final WorkingSet ws;
    /** Hard bans found in the history: resource id, then node names (null node = everywhere). */
    final Map<Rsc, List<NodeView>> bans = new HashMap<>();

    HistoryUnpacker(WorkingSet ws) {
        this.ws = ws;
    }

    /** Online nodes' histories first, then unclean ones', as Pacemaker does: it decides instance numbers. */
    void unpack() {
        for (boolean uncleanPass : new boolean[] {false, true}) {
            for (NodeState ns : ws.cib.nodeStates()) {
                NodeView node = ws.node(ns.id());
                if (node == null) {
                    node = ws.node(ns.uname());
                }
                if (node == null || !(node.online || node.unclean || node.shutdown) || node.unclean != uncleanPass) {
                    continue;
                }
                for (ResourceHistory h : ns.history()) {
                    Rsc rsc = find(h, node);
                    if (rsc != null) {
                        apply(rsc, node, h.operations());
                    }
                }
            }
        }
    }

    private Rsc find(ResourceHistory h, NodeView node) {
        Rsc exact = ws.byId.get(h.id());
        if (exact != null && exact.isPrimitive() && exact.cloneParent() == null) {
            return exact;
        }
        String base = h.id();
        int colon = base.lastIndexOf(':');
        if (colon > 0) {
            base = base.substring(0, colon);
        }
        for (Rsc top : ws.resources) {
            if (!top.isClone()) {
                continue;
            }
            Rsc found = findInClone(top, base, h.id(), node);
            if (found != null) {
                return found;
            }
        }
        if (exact != null && exact.isPrimitive()) {
            return exact;
        }
        return orphan(h);
    }

    private Rsc findInClone(Rsc clone, String base, String fullId, NodeView node) {
        boolean member = false;
        for (Rsc inst : clone.children) {
            for (Rsc leaf : inst.leaves()) {
                if (leaf.primitive.id().equals(base)) {
                    member = true;
                }
            }
        }
        if (!member) {
            return null;
        }
        if (clone.unique) {
            Rsc r = ws.byId.get(fullId);
            return r != null && r.isPrimitive() ? r : orphanInstance(clone, fullId);
        }
        for (Rsc inst : clone.children) {
            Rsc leaf = leafOf(inst, base);
            if (leaf != null && leaf.runningOn.contains(node)) {
                return leaf;
            }
        }
        for (Rsc inst : clone.children) {
            Rsc leaf = leafOf(inst, base);
            if (leaf != null && activeOn(inst, node)) {
                return leaf;
            }
        }
        for (Rsc inst : clone.children) {
            Rsc leaf = leafOf(inst, base);
            if (leaf != null && !inst.isActive() && leaf.pendingOn.isEmpty()) {
                return leaf;
            }
        }
        return orphanInstance(clone, base + ":" + clone.children.size());
    }

    private static boolean activeOn(Rsc inst, NodeView node) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.runningOn.contains(node)) {
                return true;
            }
        }
        return false;
    }



    private static Rsc leafOf(Rsc inst, String base) {
        for (Rsc leaf : inst.leaves()) {
            if (leaf.primitive.id().equals(base)) {
                return leaf;
            }
        }
        return null;
    }

    private Rsc orphanInstance(Rsc clone, String id) {
        Rsc existing = ws.byId.get(id);
        if (existing != null) {
            return existing;
        }
        Rsc template = clone.children.isEmpty() ? null : clone.children.get(0);
        if (template == null || !template.isPrimitive()) {
            return null;
        }
        Rsc r = new Rsc(id, Rsc.Kind.PRIMITIVE, clone, template.meta);
        r.primitive = template.primitive;
        ResourceBuilder.applySettings(ws, r);
        r.orphan = true;
        r.index = clone.children.size();
        clone.children.add(r);
        ws.byId.put(id, r);
        return r;
    }

    private Rsc orphan(ResourceHistory h) {
        Rsc existing = ws.byId.get(h.id());
        if (existing != null) {
            return existing.isPrimitive() ? existing : null;
        }
        Primitive p = new Primitive(h.id(), h.agentClass() == null ? "ocf" : h.agentClass(), h.provider(),
                h.type() == null ? "unknown" : h.type(), Map.of(), Map.of(), Map.of(), List.of());
        Rsc r = new Rsc(h.id(), Rsc.Kind.PRIMITIVE, null, new HashMap<>(ws.options.resourceDefaults()));
        r.primitive = p;
        ResourceBuilder.applySettings(ws, r);
        r.orphan = true;
        if (ws.options.stopOrphanResources()) {
            r.targetRole = Role.STOPPED;
        } else {
            r.managed = false;
        }
        r.order = ws.resources.size();
        ws.resources.add(r);
        ws.byId.put(r.id, r);
        return r;
    }

    private void apply(Rsc rsc, NodeView node, List<OperationRecord> ops) {
        rsc.probedOn.add(node);
        List<OperationRecord> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparingInt((OperationRecord o) -> o.callId() < 0 ? Integer.MAX_VALUE : o.callId()));
        boolean active = false;
        boolean failedHere = false;
        Role role = Role.STOPPED;
        for (OperationRecord op : sorted) {
            String task = op.operation();
            if (task == null || task.equals("notify") || task.equals("meta-data") || task.startsWith("cancel")) {
                continue;
            }
            if (op.isPending()) {
                if (task.equals("start") || task.equals("promote") || task.equals("migrate_from")
                        || task.equals("migrate_to") || task.equals("stop") || task.equals("demote")) {
                    active = true;
                    rsc.pendingOn.add(node);
                    if (role == Role.STOPPED) {
                        role = Role.STARTED;
                    }
                    if (task.equals("promote")) {
                        role = Role.PROMOTED;
                    }
                }
                continue;
            }
            if (op.execStatus() == 1) {
                continue;
            }
            boolean probe = op.isProbe();
            int expected = op.expectedRc() >= 0 ? op.expectedRc() : (probe ? 7 : 0);
            int rc = op.rc();
            // OCF 1.1 "degraded" results still mean running (190) or running promoted (191)
            if (rc == 190) {
                rc = 0;
            } else if (rc == 191) {
                rc = 8;
            }
            if (expected == 190) {
                expected = 0;
            } else if (expected == 191) {
                expected = 8;
            }
            boolean hard = op.execStatus() == 5 || op.execStatus() == 6 || op.execStatus() == 7;
            boolean ok;
            if (op.execStatus() == 2 || op.execStatus() == 3 || hard) {
                ok = false;
            } else if (rc == expected) {
                ok = true;
            } else if (probe && (rc == 0 || rc == 7 || rc == 8)) {
                ok = true;
            } else if (task.equals("stop") && rc == 7) {
                ok = true;
                rc = 0;
            } else {
                ok = false;
            }
            if (expired(rsc, node, op) && !ok) {
                // An expired failure no longer counts; the next probe will tell the truth.
                if (task.equals("monitor") && op.intervalMs() > 0) {
                    continue;
                }
            }
            if (ok) {
                switch (task) {
                    case "start", "migrate_from", "reload", "reload-agent" -> {
                        active = true;
                        failedHere = false;
                        role = Role.STARTED;
                    }
                    case "stop" -> {
                        active = false;
                        failedHere = false;
                        role = Role.STOPPED;
                    }
                    case "promote" -> {
                        active = true;
                        role = Role.PROMOTED;
                    }
                    case "demote" -> {
                        active = true;
                        role = Role.UNPROMOTED;
                    }
                    case "migrate_to" -> {
                        active = true;
                        role = Role.STARTED;
                    }
                    case "monitor" -> {
                        if (rc == 7) {
                            active = false;
                            role = Role.STOPPED;
                        } else if (rc == 8) {
                            active = true;
                            role = Role.PROMOTED;
                        } else {
                            active = true;
                            if (role != Role.PROMOTED || op.intervalMs() == 0) {
                                role = rsc.cloneParent() != null && rsc.cloneParent().promotable
                                        ? Role.UNPROMOTED : Role.STARTED;
                            }
                        }
                    }
                    default -> { }
                }
                continue;
            }
            String onFail = onFail(rsc, task, op.intervalMs());
            if ("ignore".equals(onFail)) {
                if (!task.equals("stop")) {
                    active = true;
                    if (role == Role.STOPPED) {
                        role = Role.STARTED;
                    }
                }
                continue;
            }
            if (probe && (rc == 5 || op.execStatus() == 7)) {
                ban(rsc, node);
                active = false;
                role = Role.STOPPED;
                continue;
            }
            if (rc == 6 || op.execStatus() == 6) {
                ban(rsc, null);
            } else if (rc == 2 || rc == 3 || rc == 4 || rc == 5 || hard) {
                ban(rsc, node);
            }
            failedHere = true;
            active = true;
            if (task.equals("promote") || rc == 9 || rc == 8) {
                role = Role.PROMOTED;
            } else if (task.equals("demote") && !"block".equals(onFail)) {
                role = Role.UNPROMOTED;
            } else if (role == Role.STOPPED) {
                role = Role.STARTED;
            }
            if (task.equals("start") && ws.options.startFailureIsFatal()) {
                ban(rsc, node);
            }
            switch (onFail) {
                case "block" -> {
                    // a node about to be fenced cannot keep anything blocked
                    if (!node.unclean) {
                        rsc.blocked = true;
                    }
                }
                case "stop" -> rsc.stopOnly = true;
                case "fence" -> {
                    if (task.equals("stop") || !node.unclean) {
                        NodeUnpacker.fence(node, rsc.primitive.id() + " failed there");
                    }
                }
                case "standby" -> node.standby = true;
                default -> { }
            }
        }
        if (active && role == Role.STARTED && rsc.cloneParent() != null && rsc.cloneParent().promotable) {
            role = Role.UNPROMOTED;
        }
        if (active) {
            if (!rsc.runningOn.contains(node)) {
                rsc.runningOn.add(node);
            }
            if (role.compareTo(rsc.role) > 0 || rsc.role == Role.STOPPED) {
                rsc.role = role;
            }
            if (failedHere) {
                rsc.failed = true;
            }
        }
    }

    private boolean expired(Rsc rsc, NodeView node, OperationRecord op) {
        if (rsc.failureTimeoutMs <= 0 || op.lastRcChange() <= 0) {
            return false;
        }
        return ws.now.toEpochMilli() >= op.lastRcChange() * 1000 + rsc.failureTimeoutMs;
    }

    private void ban(Rsc rsc, NodeView node) {
        bans.computeIfAbsent(rsc, k -> new ArrayList<>()).add(node);
    }

    private String onFail(Rsc rsc, String task, long interval) {
        String configured = null;
        Primitive p = rsc.primitive;
        if (p != null) {
            for (Operation o : p.operations()) {
                if (o.name().equals(task) && o.intervalMs() == interval && o.onFail() != null) {
                    configured = o.onFail();
                    break;
                }
            }
        }
        if (configured == null) {
            configured = ws.options.operationDefaults().get("on-fail");
        }
        if (configured != null) {
            String c = configured.toLowerCase(java.util.Locale.ROOT);
            if (!c.equals("fence") || ws.options.fencingEnabled()) {
                return c;
            }
        }
        if (task.equals("stop")) {
            return ws.options.fencingEnabled() ? "fence" : "block";
        }
        return "restart";
    }
}
