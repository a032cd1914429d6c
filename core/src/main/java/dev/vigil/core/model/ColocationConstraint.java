package dev.vigil.core.model;

import java.util.List;

/**
 * {@code <rsc_colocation>}: place {@code resource} relative to {@code withResource}, or a chain of
 * resource sets.
 */
public record ColocationConstraint(String id, String resource, String withResource, Role role, Role withRole,
                                   Score score, String nodeAttribute, List<ResourceSet> sets)
        implements Constraint {
    public ColocationConstraint {
        sets = List.copyOf(sets);
    }
}
