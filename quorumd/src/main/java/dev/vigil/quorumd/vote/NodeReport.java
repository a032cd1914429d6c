package dev.vigil.quorumd.vote;

/**
 * What one node tells the arbiter: which cluster it belongs to, who it is and which partition it
 * currently sees. Immutable.
 *
 * @param cluster   cluster name
 * @param node      the reporting node's name
 * @param nodeId    the node's id; lower ids win ties
 * @param partition the members the node sees, itself included
 */
public record NodeReport(String cluster, String node, int nodeId, Partition partition) {

    public NodeReport {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank, got '" + cluster + "'");
        }
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank, got '" + node + "'");
        }
        if (partition == null || !partition.contains(node)) {
            throw new IllegalArgumentException("node '" + node + "' of cluster '" + cluster
                    + "' reported partition " + partition + " that does not contain itself");
        }
    }
}
