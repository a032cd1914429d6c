package dev.vigil.core.model;

import java.util.List;
import java.util.Map;

/** A {@code <primitive>}: one service run by one resource agent. */
public record Primitive(String id, String agentClass, String provider, String type, Map<String, String> meta,
                        Map<String, String> params, Map<String, String> utilization, List<Operation> operations)
        implements Resource {
    public Primitive {
        meta = Map.copyOf(meta);
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        utilization = Map.copyOf(utilization);
        operations = List.copyOf(operations);
    }

    /** The agent as crm_simulate prints it, e.g. {@code ocf:heartbeat:IPaddr2} or {@code stonith:fence_xvm}. */
    public String agent() {
        return provider == null || provider.isEmpty() ? agentClass + ":" + type
                : agentClass + ":" + provider + ":" + type;
    }

    public boolean isFencingDevice() {
        return "stonith".equals(agentClass);
    }

    @Override
    public List<Primitive> primitives() {
        return List.of(this);
    }
}
