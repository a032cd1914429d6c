package dev.vigil.cib.crmsh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The crm shell text cannot be applied. Every mistake found is listed (statements are checked
 * independently, so one typo does not hide the next); the message has one line per mistake in
 * the form {@code source:LINE:COLUMN: what is wrong}.
 */
public class CrmSyntaxException extends Exception {
    private final transient List<CrmError> errors;
    private final String source;

    public CrmSyntaxException(String source, List<CrmError> errors) {
        super(errors.stream().map(e -> e.render(source)).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a syntax exception needs at least one error");
        }
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public List<CrmError> errors() {
        return errors;
    }

    public String source() {
        return source;
    }
}
