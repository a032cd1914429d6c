package dev.vigil.core.model;

import java.util.List;

/** An {@code <lrm_resource>}: a resource's operation history on one node. */
public record ResourceHistory(String id, String agentClass, String provider, String type, String container,
                              List<OperationRecord> operations) {
    public ResourceHistory {
        operations = List.copyOf(operations);
    }
}
