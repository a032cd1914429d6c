package dev.vigil.cli.config;

import java.util.List;
import java.util.Objects;

/**
 * A node configuration file ({@code ha.cf}, {@code authkeys}) that cannot be used.
 *
 * <p>The message lists every problem found in one pass, one per line, each formatted as
 * {@code FILE:LINE: what is wrong — what to do}, so an administrator can fix them all at once.
 * Messages never contain secrets. Immutable.
 */
public class ConfigException extends Exception {
    private final List<String> problems;

    /** One exception for several problems; {@code problems} must not be empty. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", requireNonEmpty(problems)));
        this.problems = List.copyOf(problems);
    }

    /** One problem caused by an I/O or platform failure. */
    public ConfigException(String problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem"), cause);
        this.problems = List.of(problem);
    }

    /** The problems, one line each, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireNonEmpty(List<String> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems;
    }
}
