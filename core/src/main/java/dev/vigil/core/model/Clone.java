package dev.vigil.core.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code <clone>} (or legacy {@code <master>}): copies of a primitive or group on several nodes.
 * {@code promotable} is true for promotable clones (master/slave).
 */
public record Clone(String id, Map<String, String> meta, Resource child, boolean promotable) implements Resource {
    public Clone {
        meta = Map.copyOf(meta);
        if (child instanceof Clone) {
            throw new IllegalArgumentException("clone '" + id + "' cannot contain another clone");
        }
    }

    @Override
    public List<Primitive> primitives() {
        return child.primitives();
    }
}
