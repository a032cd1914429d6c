package dev.vigil.cib.crmsh;

/** Ends the parsing of one statement with a located mistake; the parser goes on with the next. */
final class StatementError extends RuntimeException {
    private final transient CrmError error;

    StatementError(CrmError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    CrmError error() {
        return error;
    }
}
