package dev.vigil.core.model;

import java.util.List;

/** A {@code <resource_set>} in a colocation, ordering or ticket constraint. */
public record ResourceSet(String id, List<String> resources, boolean sequential, boolean requireAll, Role role,
                          String action, String kind, Score score) {
    public ResourceSet {
        resources = List.copyOf(resources);
    }
}
