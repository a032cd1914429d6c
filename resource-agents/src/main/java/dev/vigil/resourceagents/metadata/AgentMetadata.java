package dev.vigil.resourceagents.metadata;

import java.util.List;
import java.util.Optional;

/**
 * What an agent says about itself. Immutable.
 *
 * @param name the agent's name as it declares it
 * @param version the agent's own version (may be empty)
 * @param apiVersion the OCF API version it claims ({@code 1.0}, {@code 1.1}; empty if none)
 * @param shortDesc one-line description
 * @param longDesc longer description
 * @param parameters declared parameters in declaration order
 * @param actions declared actions in declaration order
 */
public record AgentMetadata(String name, String version, String apiVersion, String shortDesc, String longDesc,
        List<ParameterSpec> parameters, List<ActionSpec> actions) {

    public AgentMetadata {
        parameters = List.copyOf(parameters);
        actions = List.copyOf(actions);
    }

    public Optional<ParameterSpec> parameter(String paramName) {
        return parameters.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** The first declared action with this name (and, for monitors, depth 0 preferred). */
    public Optional<ActionSpec> action(String actionName) {
        return actions.stream().filter(a -> a.name().equals(actionName))
                .min((a, b) -> Integer.compare(a.depth(), b.depth()));
    }

    public boolean supports(String actionName) {
        return actions.stream().anyMatch(a -> a.name().equals(actionName));
    }
}
