package dev.vigil.core.controller;

import dev.vigil.core.model.CibVersion;
import dev.vigil.core.port.LinkStatus;
import java.util.List;

/**
 * What {@code vigil status} shows about this node's controller. Immutable.
 *
 * @param node this node
 * @param dc the DC as this node sees it (null while alone and not yet settled)
 * @param members members of the cluster, sorted
 * @param links per-link state
 * @param cibVersion this node's CIB version
 * @param cibXml this node's CIB
 * @param transition a description of the transition in progress, or empty when idle
 * @param warnings conditions the operator must know about (fencing disabled, fencing impossible, …)
 * @param fenceHistory the cluster's fencing operations as this node knows them, oldest first
 * @param quorum this node's partition's quorum
 */
public record ControllerStatus(String node, String dc, List<String> members, List<LinkStatus> links,
        CibVersion cibVersion, String cibXml, String transition, List<String> warnings,
        List<FenceEvent> fenceHistory, QuorumStatus quorum) {
    public ControllerStatus {
        members = List.copyOf(members);
        links = List.copyOf(links);
        warnings = List.copyOf(warnings);
        fenceHistory = List.copyOf(fenceHistory);
    }
}
