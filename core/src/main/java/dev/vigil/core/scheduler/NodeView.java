package dev.vigil.core.scheduler;

import java.util.HashMap;
import java.util.Map;

/**
 * The scheduler's working view of one node during one {@code schedule} call: what the status
 * section says of it and how many resources have been assigned to it so far. Confined to one call.
 */
final class NodeView {
    final String id;
    final String name;
    final int index;
    final Map<String, String> attributes = new HashMap<>();
    final Map<String, String> utilization = new HashMap<>();
    /** Capacity still free per utilization attribute, once resources are assigned. */
    final Map<String, Integer> used = new HashMap<>();
    boolean online;
    boolean unclean;
    boolean standby;
    boolean pending;
    boolean maintenance;
    boolean shutdown;
    boolean remote;
    boolean seen;
    /** Joined to this partition's membership (Pacemaker's "online" before any unclean mark). */
    boolean member;
    String fenceReason;
    boolean fenceIsOff;
    int assignedCount;

    NodeView(String id, String name, int index) {
        this.id = id;
        this.name = name;
        this.index = index;
    }

    /** Whether resources may be placed here. */
    boolean canHost() {
        return online && !unclean && !standby && !pending && !shutdown && !maintenance;
    }

    @Override
    public String toString() {
        return name;
    }
}
