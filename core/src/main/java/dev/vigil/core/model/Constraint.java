package dev.vigil.core.model;

/** A placement or ordering constraint from the CIB's {@code <constraints>}. */
public sealed interface Constraint permits LocationConstraint, ColocationConstraint, OrderConstraint,
        TicketConstraint {
    String id();
}
