package dev.vigil.core.model;

import java.util.List;

/** A {@code <fencing-level>}: the devices tried together at one level for a target. */
public record FencingLevel(String id, String target, String targetPattern, int index, List<String> devices) {
    public FencingLevel {
        devices = List.copyOf(devices);
    }
}
