package dev.vigil.core.scheduler;

import java.util.List;

/**
 * The cluster as a status display shows it: nodes with their state and resources with where they run
 * and in which role. Used for "Current cluster status" and "Revised Cluster Status". Immutable.
 */
public record ClusterView(List<NodeEntry> nodes, List<ResourceEntry> resources) {
    public ClusterView {
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
    }

    /** A node and its state: online, OFFLINE, standby, pending, maintenance, UNCLEAN (offline|online). */
    public record NodeEntry(String name, String state) {
    }

    /**
     * A resource: for a primitive its agent and placements; for a group or clone its children.
     *
     * @param kind primitive, group or clone
     */
    public record ResourceEntry(String id, String kind, String agent, boolean promotable, boolean unique,
                                boolean managed, List<Placement> placements, List<ResourceEntry> children) {
        public ResourceEntry {
            placements = List.copyOf(placements);
            children = List.copyOf(children);
        }
    }

    /** Where a primitive is: role (Started, Promoted, Unpromoted, Stopped), node, failed or not. */
    public record Placement(String role, String node, boolean failed) {
    }
}
