package dev.vigil.core.model;

import java.util.Map;

/** An {@code <op>} from a primitive's {@code <operations>}. Interval in milliseconds (0 = not recurring). */
public record Operation(String id, String name, long intervalMs, Role role, String onFail, boolean enabled,
                        Map<String, String> attributes) {
    public Operation {
        attributes = Map.copyOf(attributes);
    }

    public String key(String resourceId) {
        return resourceId + "_" + name + "_" + intervalMs;
    }
}
