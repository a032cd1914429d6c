package dev.vigil.core.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code <node_state>} from the status section.
 *
 * @param inCluster the {@code in_ccm} value: "true", "false", or a timestamp meaning true (null if absent)
 * @param controller the {@code crmd} value: "online", "offline", or a timestamp (null if absent)
 * @param hasHistory whether an {@code <lrm>} element is present
 */
public record NodeState(String id, String uname, String inCluster, String controller, String join,
                        String expected, String shutdown, Map<String, String> transientAttributes,
                        List<ResourceHistory> history, boolean hasHistory) {
    public NodeState {
        transientAttributes = Map.copyOf(transientAttributes);
        history = List.copyOf(history);
    }
}
