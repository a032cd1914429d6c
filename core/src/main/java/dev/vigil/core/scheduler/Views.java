package dev.vigil.core.scheduler;

import dev.vigil.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link ClusterView} of the working set as it stands. */
final class Views {
    private Views() {
    }

    static ClusterView of(WorkingSet ws, boolean revised) {
        List<ClusterView.NodeEntry> nodes = new ArrayList<>();
        for (NodeView n : ws.nodes) {
            nodes.add(new ClusterView.NodeEntry(n.name, state(n)));
        }
        List<ClusterView.ResourceEntry> resources = new ArrayList<>();
        for (Rsc r : ws.resources) {
            if (r.orphan && r.runningOn.isEmpty()) {
                continue;
            }
            resources.add(entry(r));
        }
        return new ClusterView(nodes, resources);
    }

    private static String state(NodeView n) {
        if (n.unclean) {
            return n.online || n.member ? "UNCLEAN (online)" : "UNCLEAN (offline)";
        }
        if (!n.online) {
            return n.pending ? "pending" : "OFFLINE";
        }
        if (n.pending) {
            return "pending";
        }
        if (n.maintenance) {
            return "maintenance";
        }
        if (n.standby) {
            return "standby";
        }
        return "online";
    }

    private static ClusterView.ResourceEntry entry(Rsc r) {
        List<ClusterView.ResourceEntry> children = new ArrayList<>();
        List<ClusterView.Placement> placements = new ArrayList<>();
        String agent = null;
        if (r.isPrimitive()) {
            agent = r.primitive.agent();
            for (NodeView n : r.runningOn) {
                Role role = r.role == Role.STOPPED ? Role.STARTED : r.role;
                placements.add(new ClusterView.Placement(role.label(), n.name, r.failed));
            }
        } else {
            for (Rsc c : r.children) {
                if (c.orphan && !c.isActive()) {
                    continue;
                }
                children.add(entry(c));
            }
            if (r.isClone() && !r.children.isEmpty()) {
                Rsc first = r.children.get(0);
                agent = first.isPrimitive() ? first.primitive.agent() : null;
            }
        }
        String kind = switch (r.kind) {
            case PRIMITIVE -> "primitive";
            case GROUP -> "group";
            case CLONE -> "clone";
        };
        return new ClusterView.ResourceEntry(r.id, kind, agent, r.promotable, r.unique, r.managed && !r.blocked,
                placements, children);
    }
}
