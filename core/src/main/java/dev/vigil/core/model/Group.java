package dev.vigil.core.model;

import java.util.List;
import java.util.Map;

/** A {@code <group>}: primitives started in order, stopped in reverse, kept on one node. */
public record Group(String id, Map<String, String> meta, List<Primitive> children) implements Resource {
    public Group {
        meta = Map.copyOf(meta);
        children = List.copyOf(children);
    }

    @Override
    public List<Primitive> primitives() {
        return children;
    }
}
