package dev.vigil.core.model;

import java.util.Map;

/** A {@code <node>} from the configuration: id, name, type and its permanent attributes. */
public record NodeConfig(String id, String uname, String type, Map<String, String> attributes,
                         Map<String, String> utilization) {
    public NodeConfig {
        attributes = Map.copyOf(attributes);
        utilization = Map.copyOf(utilization);
    }
}
