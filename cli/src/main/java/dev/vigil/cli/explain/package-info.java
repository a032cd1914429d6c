/**
 * {@code vigil explain}: why a resource is where it is. Itemises each node's allocation score from
 * the scheduler's inputs ({@code core}'s {@code PlacementFacts}), checks the items against the
 * scheduler's own scores and says what would move the resource. Depends on {@code cli.daemon} (the
 * cluster source and report) and {@code core}; read-only.
 */
package dev.vigil.cli.explain;
