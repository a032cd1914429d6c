package dev.vigil.resourceagents.metadata;

import java.util.List;

/**
 * One parameter an agent declares. Immutable.
 *
 * @param name the parameter name (becomes {@code OCF_RESKEY_<name>})
 * @param type {@code string}, {@code integer}, {@code boolean}, {@code select}, … as declared
 * @param defaultValue the declared default, or {@code null}
 * @param required whether a resource must set it
 * @param unique whether two resources of this agent must not share a value
 * @param reloadable whether a change can be applied by {@code reload-agent} instead of a restart
 * @param deprecated whether the agent marks it deprecated
 * @param shortDesc one-line description (may be empty)
 * @param longDesc longer description (may be empty)
 * @param options the allowed values of a {@code select} parameter (empty otherwise)
 */
public record ParameterSpec(String name, String type, String defaultValue, boolean required, boolean unique,
        boolean reloadable, boolean deprecated, String shortDesc, String longDesc, List<String> options) {

    public ParameterSpec {
        options = List.copyOf(options);
    }
}
