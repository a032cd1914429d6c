package dev.vigil.stonith.spi;

import java.util.Objects;

/**
 * The node a device is asked to act on. Immutable.
 *
 * @param node the cluster node's name
 * @param plug what the device calls that node: the node's entry in {@code pcmk_host_map} (a port,
 *        an outlet, an address; possibly several separated by commas), or the node name itself
 */
public record FenceTarget(String node, String plug) {

    public FenceTarget {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(plug, "plug");
    }

    /** A target the device knows by its node name. */
    public static FenceTarget of(String node) {
        return new FenceTarget(node, node);
    }
}
