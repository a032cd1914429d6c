package dev.vigil.stonith.spi;

import java.time.Clock;
import java.util.Objects;

/**
 * What the fencer offers the devices it creates. Immutable; the objects it holds are thread-safe.
 *
 * @param localNode the name of the node the fencer runs on (the node that executes the actions)
 * @param clock the fencer's clock (use it instead of {@link System#currentTimeMillis()})
 * @param nodeContact when peers were last heard from
 */
public record DriverContext(String localNode, Clock clock, NodeContact nodeContact) {

    public DriverContext {
        Objects.requireNonNull(localNode, "localNode");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nodeContact, "nodeContact");
    }

    /** For tools and tests: the system clock and no knowledge of peers. */
    public static DriverContext standalone(String localNode) {
        return new DriverContext(localNode, Clock.systemUTC(), NodeContact.UNKNOWN);
    }
}
