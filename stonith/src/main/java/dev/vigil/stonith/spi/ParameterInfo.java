package dev.vigil.stonith.spi;

import java.util.Objects;

/**
 * One device parameter a driver understands, as fence-agents metadata describes it. Immutable.
 *
 * @param name the instance attribute name
 * @param description one line for the operator ({@code shortdesc})
 * @param type {@code string}, {@code integer}, {@code boolean}, {@code second}, {@code time}, {@code select}...
 * @param defaultValue the value used when the parameter is not set, or {@code null}
 * @param required whether a device without it is refused
 * @param deprecated whether the parameter is kept only for old configurations
 */
public record ParameterInfo(String name, String description, String type, String defaultValue, boolean required,
        boolean deprecated) {

    public ParameterInfo {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        type = type == null || type.isBlank() ? "string" : type;
    }

    /** An optional, non-deprecated parameter. */
    public static ParameterInfo optional(String name, String type, String defaultValue, String description) {
        return new ParameterInfo(name, description, type, defaultValue, false, false);
    }

    /** A required parameter. */
    public static ParameterInfo required(String name, String type, String description) {
        return new ParameterInfo(name, description, type, null, true, false);
    }
}
