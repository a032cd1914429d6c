package dev.vigil.core.model;

import java.util.List;

/**
 * A rule from a location constraint or attribute set: expressions joined by {@code and} / {@code or}.
 *
 * @param score the score the rule contributes (location rules), or null
 * @param scoreAttribute a node attribute whose value is the score, or null
 * @param role the role the rule applies to, or null
 */
public record Rule(String id, Score score, String scoreAttribute, boolean isOr, Role role,
                   List<Expression> expressions) {
    public Rule {
        expressions = List.copyOf(expressions);
    }

    /** One condition of a rule. */
    public sealed interface Expression permits AttributeExpression, DateExpression, NestedRule, UnsupportedExpression { }

    /** {@code <expression attribute= operation= value= type=>}. */
    public record AttributeExpression(String id, String attribute, String operation, String value, String type,
                                      String valueSource) implements Expression { }

    /** {@code <date_expression>}: kept raw; evaluated against the scheduler's {@code now}. */
    public record DateExpression(String id, String operation, String start, String end,
                                 java.util.Map<String, String> dateSpec, java.util.Map<String, String> duration)
            implements Expression { }

    /** A rule inside a rule. */
    public record NestedRule(Rule rule) implements Expression { }

    /** An expression kind Vigil does not evaluate (such as {@code op_expression}); kept so it round-trips. */
    public record UnsupportedExpression(String id, String element) implements Expression { }
}
