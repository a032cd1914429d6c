package dev.vigil.core.scheduler;

import dev.vigil.core.model.Clone;
import dev.vigil.core.model.Durations;
import dev.vigil.core.model.Group;
import dev.vigil.core.model.Primitive;
import dev.vigil.core.model.Resource;
import dev.vigil.core.model.Role;
import dev.vigil.core.model.Score;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the scheduler's resource tree from the configuration: effective meta attributes (own, then
 * inherited from the parent, then {@code rsc_defaults}), settings with Pacemaker's defaults, and the
 * instances of every clone.
 */
final class ResourceBuilder {
    private ResourceBuilder() {
    }

    static void build(WorkingSet ws) {
        int order = 0;
        for (Resource r : ws.cib.resources()) {
            Rsc rsc = build(ws, r, null, Map.of(), -1);
            rsc.order = order++;
            ws.resources.add(rsc);
        }
        for (Resource r : ws.cib.resources()) {
            for (Primitive p : r.primitives()) {
                if (p.isFencingDevice()) {
                    ws.hasFencingDevice = true;
                }
            }
        }
    }

    private static Map<String, String> effectiveMeta(WorkingSet ws, Map<String, String> own,
                                                     Map<String, String> inherited) {
        Map<String, String> meta = new HashMap<>(own);
        inherited.forEach(meta::putIfAbsent);
        ws.options.resourceDefaults().forEach(meta::putIfAbsent);
        return meta;
    }

    private static Rsc build(WorkingSet ws, Resource r, Rsc parent, Map<String, String> inherited, int instance) {
        String suffix = instance >= 0 ? ":" + instance : "";
        Map<String, String> meta = effectiveMeta(ws, r.meta(), inherited);
        Rsc rsc;
        if (r instanceof Primitive p) {
            rsc = new Rsc(p.id() + suffix, Rsc.Kind.PRIMITIVE, parent, meta);
            rsc.primitive = p;
        } else if (r instanceof Group g) {
            rsc = new Rsc(g.id() + suffix, Rsc.Kind.GROUP, parent, meta);
            for (Primitive p : g.children()) {
                rsc.children.add(build(ws, p, rsc, meta, instance));
            }
        } else {
            Clone c = (Clone) r;
            if (!meta.containsKey("resource-stickiness") && !meta.containsKey("resource_stickiness")) {
                meta.put("resource-stickiness", "1");
            }
            rsc = new Rsc(c.id(), Rsc.Kind.CLONE, parent, meta);
            rsc.promotable = c.promotable() || Options.isTrue(meta.get("promotable"));
            applySettings(ws, rsc);
            int count = rsc.cloneMax;
            for (int i = 0; i < count; i++) {
                Rsc inst = build(ws, c.child(), rsc, meta, i);
                inst.index = i;
                rsc.children.add(inst);
            }
            register(ws, rsc);
            return rsc;
        }
        applySettings(ws, rsc);
        register(ws, rsc);
        return rsc;
    }

    private static void register(WorkingSet ws, Rsc rsc) {
        ws.byId.putIfAbsent(rsc.id, rsc);
    }

    static void applySettings(WorkingSet ws, Rsc rsc) {
        Map<String, String> m = rsc.meta;
        rsc.priority = intScore(m.get("priority"), 0);
        String stick = m.getOrDefault("resource-stickiness", m.get("resource_stickiness"));
        if (stick == null) {
            stick = ws.cib.clusterProperties().get("default-resource-stickiness");
        }
        rsc.stickiness = intScore(stick, 0);
        rsc.migrationThreshold = intScore(m.get("migration-threshold"), Score.INFINITY);
        rsc.failureTimeoutMs = Durations.parseMillis(m.get("failure-timeout"), 0);
        String managed = m.get("is-managed");
        rsc.managed = managed == null || Options.isTrue(managed);
        if (Options.isTrue(m.get("maintenance")) || ws.options.maintenanceMode()) {
            rsc.managed = false;
        }
        try {
            Role tr = Role.parse(m.get("target-role"));
            if (tr != null) {
                rsc.targetRole = tr;
            }
        } catch (IllegalArgumentException e) {
            rsc.targetRole = Role.STARTED;
        }
        rsc.allowMigrate = Options.isTrue(m.get("allow-migrate"));
        rsc.unique = Options.isTrue(m.get("globally-unique"));
        rsc.interleave = Options.isTrue(m.get("interleave"));
        rsc.ordered = Options.isTrue(m.get("ordered"));
        int nodes = Math.max(ws.nodeCount(), 1);
        rsc.cloneMax = Math.max(0, intScore(m.getOrDefault("clone-max", m.get("clone_max")), nodes));
        rsc.cloneNodeMax = Math.max(1, intScore(m.getOrDefault("clone-node-max", m.get("clone_node_max")), 1));
        rsc.promotedMax = Math.max(0, intScore(m.getOrDefault("promoted-max", m.get("master-max")), 1));
        rsc.promotedNodeMax = Math.max(1, intScore(m.getOrDefault("promoted-node-max",
                m.get("master-node-max")), 1));
    }

    static int intScore(String v, int fallback) {
        if (v == null || v.isBlank() || "default".equalsIgnoreCase(v.trim())) {
            return fallback;
        }
        try {
            return Score.parse(v).value();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
