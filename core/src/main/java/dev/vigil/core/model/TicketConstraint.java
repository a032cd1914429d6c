package dev.vigil.core.model;

import java.util.List;

/** {@code <rsc_ticket>}: a resource may run only while its ticket is granted. */
public record TicketConstraint(String id, String resource, Role role, String ticket, String lossPolicy,
                               List<ResourceSet> sets) implements Constraint {
    public TicketConstraint {
        sets = List.copyOf(sets);
    }
}
