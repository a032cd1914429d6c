package dev.vigil.cib.haresources;

import java.util.List;

/** The haresources text cannot be imported; one message line per problem, {@code file:LINE: what is wrong}. */
public class HaresourcesException extends Exception {
    private final transient List<String> problems;

    public HaresourcesException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
