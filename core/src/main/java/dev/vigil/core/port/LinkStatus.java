package dev.vigil.core.port;

import java.util.List;
import java.util.Objects;

/**
 * The state of one cluster link (network path) as this node sees it.
 *
 * @param link the link's name from the configuration (e.g. {@code link0}, {@code eth1})
 * @param up whether this node's channel on the link is connected
 * @param reachable the nodes seen on this link (this node included), sorted
 */
public record LinkStatus(String link, boolean up, List<String> reachable) {

    public LinkStatus {
        Objects.requireNonNull(link, "link");
        reachable = List.copyOf(reachable);
    }
}
