package dev.vigil.core.model;

import java.util.Map;

/**
 * One {@code instance_attributes}, {@code meta_attributes} or {@code utilization} block: its
 * name/value pairs in document order, and an optional rule deciding where and when it applies.
 */
public record AttributeSet(String id, int score, Rule rule, Map<String, String> values) {
    public AttributeSet {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
