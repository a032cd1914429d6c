package dev.vigil.core.model;

import java.util.List;

/**
 * {@code <rsc_location>}: prefer or avoid nodes for a resource (or the resources whose id matches
 * {@code rscPattern}), by a fixed node and score or by rules.
 */
public record LocationConstraint(String id, String resource, String resourcePattern, List<ResourceSet> sets,
                                 String node, Score score, List<Rule> rules, Role role,
                                 String resourceDiscovery) implements Constraint {
    public LocationConstraint {
        sets = List.copyOf(sets);
        rules = List.copyOf(rules);
    }
}
