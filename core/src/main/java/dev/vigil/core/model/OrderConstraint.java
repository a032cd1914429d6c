package dev.vigil.core.model;

import java.util.List;

/**
 * {@code <rsc_order>}: {@code then} after {@code first}. {@code kind} is Mandatory, Optional or
 * Serialize; a score of 0 makes a legacy constraint optional.
 */
public record OrderConstraint(String id, String first, String firstAction, String then, String thenAction,
                              String kind, boolean symmetrical, List<ResourceSet> sets) implements Constraint {
    public OrderConstraint {
        sets = List.copyOf(sets);
    }
}
