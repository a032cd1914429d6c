package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.model.Cib;
import dev.vigil.core.model.NodeConfig;
import java.util.List;

/**
 * The cluster as a read-only command got it: the CIB (configuration and status), the DC and, when
 * it came from the daemon, the daemon's whole status answer. Immutable.
 *
 * @param source     what it was read from, for messages: a file name or "the local daemon"
 * @param cibXml     the CIB as XML text
 * @param dc         the DC's node name, or null when there is none (or the file does not say)
 * @param localNode  the node whose daemon answered, or null for a file
 * @param members    the nodes in the daemon's membership (for a file: empty)
 * @param status     the daemon's status answer, or null for a file
 */
public record ClusterSnapshot(String source, Cib cib, String cibXml, String dc, String localNode, List<String> members,
                              JsonNode status) {
    public ClusterSnapshot {
        members = List.copyOf(members);
    }

    /** Whether this came from a CIB file rather than the daemon. */
    public boolean isOffline() {
        return status == null;
    }

    /** The DC named by a CIB's {@code dc-uuid}, or null. */
    static String dcOf(Cib cib) {
        for (NodeConfig n : cib.nodes()) {
            if (n.id().equals(cib.dcUuid())) {
                return n.uname();
            }
        }
        return null;
    }
}
