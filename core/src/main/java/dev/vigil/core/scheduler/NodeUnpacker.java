package dev.vigil.core.scheduler;

import dev.vigil.core.model.NodeConfig;
import dev.vigil.core.model.NodeState;

/**
 * Derives each node's state (online, unclean, standby, pending, maintenance, shutting down) from its
 * configuration and its {@code node_state}, following the rules of Pacemaker Explained: with fencing
 * enabled, a node that left the cluster unexpectedly is unclean and must be fenced.
 */
final class NodeUnpacker {
    private NodeUnpacker() {
    }

    static void unpack(WorkingSet ws) {
        int i = 0;
        for (NodeConfig nc : ws.cib.nodes()) {
            if ("ping".equals(nc.type()) || "remote".equals(nc.type())) {
                if ("ping".equals(nc.type())) {
                    continue;
                }
            }
            NodeView n = new NodeView(nc.id(), nc.uname(), i++);
            n.remote = "remote".equals(nc.type());
            n.attributes.putAll(nc.attributes());
            n.utilization.putAll(nc.utilization());
            ws.nodes.add(n);
            ws.nodesByName.put(n.name, n);
            ws.nodesById.put(n.id, n);
        }
        for (NodeView n : ws.nodes) {
            n.attributes.put("#uname", n.name);
            n.attributes.put("#id", n.id);
            n.attributes.put("#kind", n.remote ? "remote" : "cluster");
            n.attributes.put("#is_dc", "false");
            // An unseen node may be running anything: with startup fencing, it is unclean until fenced.
            n.unclean = ws.options.fencingEnabled() && ws.options.startupFencing() && !n.remote;
            if (n.unclean) {
                n.fenceReason = "node is unclean";
            }
        }
        for (NodeState ns : ws.cib.nodeStates()) {
            NodeView n = ws.nodesById.get(ns.id());
            if (n == null) {
                n = ws.nodesByName.get(ns.uname());
            }
            if (n == null) {
                continue;
            }
            n.seen = true;
            n.unclean = false;
            n.fenceReason = null;
            n.attributes.putAll(ns.transientAttributes());
            n.attributes.put("#uname", n.name);
            if (ns.id() != null && ns.id().equals(ws.cib.dcUuid())) {
                n.attributes.put("#is_dc", "true");
            }
            n.shutdown = isShutdownRequested(ns.transientAttributes().get("shutdown"));
            if (ws.options.fencingEnabled()) {
                withFencing(ws, n, ns);
            } else {
                withoutFencing(n, ns);
            }
        }
        for (NodeView n : ws.nodes) {
            if (Options.isTrue(n.attributes.get("standby"))) {
                n.standby = true;
            }
            if (Options.isTrue(n.attributes.get("maintenance")) || ws.options.maintenanceMode()) {
                n.maintenance = true;
            }
        }
    }

    private static boolean isShutdownRequested(String v) {
        if (v == null || v.isBlank()) {
            return false;
        }
        try {
            return Long.parseLong(v.trim()) != 0;
        } catch (NumberFormatException e) {
            return Options.isTrue(v);
        }
    }

    private static void withFencing(WorkingSet ws, NodeView n, NodeState ns) {
        boolean inCluster = Options.isSet(ns.inCluster());
        boolean controllerUp = ns.controller() != null && Options.isSet(ns.controller());
        String join = ns.join() == null ? "down" : ns.join();
        String expected = ns.expected() == null ? "down" : ns.expected();
        boolean terminate = Options.isTrue(n.attributes.get("terminate"));
        if (n.shutdown) {
            n.online = controllerUp;
        } else if (ns.inCluster() == null) {
            fence(n, "peer has not been seen by the cluster");
        } else if ("nack".equalsIgnoreCase(join)) {
            fence(n, "peer failed the join");
        } else if (!terminate && "down".equalsIgnoreCase(expected)) {
            if (inCluster || controllerUp) {
                n.standby = true;
                n.pending = true;
            }
        } else if (terminate && "down".equalsIgnoreCase(join) && !inCluster && !controllerUp) {
            n.online = false;
        } else if (!inCluster) {
            fence(n, "peer is no longer part of the cluster");
        } else if (!controllerUp) {
            fence(n, "peer process is no longer available");
        } else if (terminate) {
            fence(n, "termination was requested");
        } else if ("member".equalsIgnoreCase(join)) {
            n.online = true;
            n.member = true;
            if (!ws.options.haveQuorum() && ws.options.noQuorumPolicy().equals("fence")) {
                fence(n, "cluster does not have quorum"); // no-quorum-policy=fence: the whole partition
            }
        } else if ("pending".equalsIgnoreCase(join) || "down".equalsIgnoreCase(join)) {
            n.standby = true;
            n.pending = true;
        } else {
            fence(n, "peer was in an unknown state");
        }
    }

    private static void withoutFencing(NodeView n, NodeState ns) {
        boolean inCluster = Options.isSet(ns.inCluster());
        boolean controllerUp = ns.controller() != null && Options.isSet(ns.controller());
        String join = ns.join() == null ? "down" : ns.join();
        if (!inCluster) {
            n.online = false;
        } else if (controllerUp) {
            if ("member".equalsIgnoreCase(join)) {
                n.online = true;
            } else {
                n.pending = true;
                n.standby = true;
            }
        }
    }

    static void fence(NodeView n, String reason) {
        if (!n.unclean) {
            n.unclean = true;
            n.fenceReason = reason;
        }
        n.online = false;
    }
}
