package dev.vigil.core.scheduler;

/**
 * One resolved ordering: {@code thenAction} of {@code then} happens after {@code firstAction} of
 * {@code first}. {@code mandatory} orderings also make {@code then} unrunnable when {@code first} is,
 * and required when {@code first} is required. An {@code inverse} ordering is the stop-side mirror of a
 * symmetrical one: there a required {@code then} makes {@code first} required.
 */
record Ordering(String id, Rsc first, String firstAction, Rsc then, String thenAction, boolean mandatory,
                boolean requireAll, boolean inverse) {
}
