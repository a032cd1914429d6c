package dev.vigil.resourceagents.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a resource's instance attributes against its agent's meta-data before an operation
 * runs, so a configuration mistake is reported as such instead of as a failed start.
 * Stateless.
 */
public final class ParameterCheck {
    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "y",
            "n");

    private ParameterCheck() {
    }

    /**
     * Returns one message per problem (empty when the attributes are acceptable): a required
     * parameter that is missing or empty, an integer or boolean parameter with a value of
     * another type, a select parameter with a value outside its options.
     */
    public static List<String> problems(AgentMetadata metadata, Map<String, String> params, String agentName) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec p : metadata.parameters()) {
            String value = params.get(p.name());
            if (value == null || value.isEmpty()) {
                if (p.required()) {
                    problems.add("missing required parameter '" + p.name() + "' of " + agentName
                            + (p.shortDesc().isEmpty() ? "" : " (" + p.shortDesc() + ")"));
                }
                continue;
            }
            String type = p.type().toLowerCase(Locale.ROOT);
            if (type.equals("integer") && !isInteger(value)) {
                problems.add("parameter '" + p.name() + "' of " + agentName + " must be an integer, got '" + value + "'");
            } else if (type.equals("boolean") && !BOOLEANS.contains(value.strip().toLowerCase(Locale.ROOT))) {
                problems.add("parameter '" + p.name() + "' of " + agentName + " must be a boolean (true/false), got '"
                        + value + "'");
            } else if (type.equals("select") && !p.options().isEmpty() && !p.options().contains(value)) {
                problems.add("parameter '" + p.name() + "' of " + agentName + " must be one of " + p.options()
                        + ", got '" + value + "'");
            }
        }
        return problems;
    }

    /** Parameters that the meta-data does not declare (worth a warning, not a refusal). */
    public static List<String> undeclared(AgentMetadata metadata, Map<String, String> params) {
        return params.keySet().stream().filter(k -> metadata.parameter(k).isEmpty()).sorted().toList();
    }

    private static boolean isInteger(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("infinity") || v.equalsIgnoreCase("+infinity") || v.equalsIgnoreCase("-infinity")) {
            return true;
        }
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
