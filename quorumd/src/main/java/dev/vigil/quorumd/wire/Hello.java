package dev.vigil.quorumd.wire;

/**
 * First message of a client: who it is.
 *
 * @param version protocol version the client speaks
 * @param cluster cluster name
 * @param node    the node's name
 * @param nodeId  the node's id (0 or more); lower ids win ties
 */
public record Hello(int version, String cluster, String node, int nodeId) implements Message {

    public Hello {
        if (version < 1) {
            throw new IllegalArgumentException("protocol version must be 1 or more, got " + version);
        }
        Protocol.checkName("cluster name", cluster);
        Protocol.checkName("node name", node);
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id of '" + node + "' must be 0 or more, got " + nodeId);
        }
    }
}
