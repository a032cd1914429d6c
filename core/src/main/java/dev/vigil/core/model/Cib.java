package dev.vigil.core.model;

import java.util.List;
import java.util.Map;

/**
 * The cluster information base as the scheduler sees it: configuration and status, immutable.
 *
 * @param clusterProperties cluster options ({@code crm_config}), later blocks overriding earlier ones
 * @param resourceDefaults meta attribute defaults ({@code rsc_defaults})
 * @param operationDefaults operation defaults ({@code op_defaults})
 * @param haveQuorum the {@code have-quorum} attribute of the root element
 * @param noQuorumPanic the {@code no-quorum-panic} attribute of the root element: the partition had
 *        quorum and lost it (Pacemaker's controller sets it), so {@code no-quorum-policy=fence} fences
 */
public record Cib(CibVersion version, String validateWith, String dcUuid, boolean haveQuorum,
                  Map<String, String> clusterProperties, Map<String, String> resourceDefaults,
                  Map<String, String> operationDefaults, List<NodeConfig> nodes, List<Resource> resources,
                  List<Constraint> constraints, List<FencingLevel> fencingLevels, Map<String, Boolean> tickets,
                  List<NodeState> nodeStates, boolean noQuorumPanic) {
    public Cib {
        clusterProperties = Map.copyOf(clusterProperties);
        resourceDefaults = Map.copyOf(resourceDefaults);
        operationDefaults = Map.copyOf(operationDefaults);
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        constraints = List.copyOf(constraints);
        fencingLevels = List.copyOf(fencingLevels);
        tickets = Map.copyOf(tickets);
        nodeStates = List.copyOf(nodeStates);
    }

    /** A CIB without {@code no-quorum-panic}. */
    public Cib(CibVersion version, String validateWith, String dcUuid, boolean haveQuorum,
               Map<String, String> clusterProperties, Map<String, String> resourceDefaults,
               Map<String, String> operationDefaults, List<NodeConfig> nodes, List<Resource> resources,
               List<Constraint> constraints, List<FencingLevel> fencingLevels, Map<String, Boolean> tickets,
               List<NodeState> nodeStates) {
        this(version, validateWith, dcUuid, haveQuorum, clusterProperties, resourceDefaults, operationDefaults, nodes,
                resources, constraints, fencingLevels, tickets, nodeStates, false);
    }

    /** {@code fencing-enabled} (or the legacy {@code stonith-enabled}); true unless set false. */
    public boolean fencingEnabled() {
        String v = clusterProperties.getOrDefault("fencing-enabled", clusterProperties.get("stonith-enabled"));
        return v == null || Booleans.isTrue(v);
    }

    /** {@code start-failure-is-fatal}; true unless set false. */
    public boolean startFailureIsFatal() {
        return Booleans.isTrue(clusterProperties.getOrDefault("start-failure-is-fatal", "true"));
    }
}
