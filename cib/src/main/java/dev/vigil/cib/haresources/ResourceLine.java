package dev.vigil.cib.haresources;

import java.util.List;

/**
 * One resource group of a haresources file: the node it prefers and its resources in start order,
 * each as written ({@code IPaddr::10.0.0.10/24/eth0}).
 *
 * @param line the line the group starts on
 */
public record ResourceLine(int line, String node, List<String> resources) {
    public ResourceLine {
        resources = List.copyOf(resources);
    }
}
