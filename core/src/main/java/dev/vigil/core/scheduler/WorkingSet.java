package dev.vigil.core.scheduler;

import dev.vigil.core.model.Cib;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code schedule} call works on: nodes, the resource tree and the indexes into it.
 * Created and discarded inside one call; never shared between threads.
 */
final class WorkingSet {
    final Cib cib;
    final Instant now;
    final Options options;
    final List<NodeView> nodes = new ArrayList<>();
    final Map<String, NodeView> nodesByName = new HashMap<>();
    final Map<String, NodeView> nodesById = new HashMap<>();
    /** Top-level resources in configuration order. */
    final List<Rsc> resources = new ArrayList<>();
    /** Every resource at every level (including clone instances) by id. */
    final Map<String, Rsc> byId = new LinkedHashMap<>();
    final List<String> fenceReasons = new ArrayList<>();
    boolean hasFencingDevice;

    WorkingSet(Cib cib, Instant now) {
        this.cib = cib;
        this.now = now;
        this.options = Options.from(cib);
    }

    NodeView node(String nameOrId) {
        if (nameOrId == null) {
            return null;
        }
        NodeView n = nodesByName.get(nameOrId);
        return n != null ? n : nodesById.get(nameOrId);
    }

    int nodeCount() {
        return nodes.size();
    }
}
