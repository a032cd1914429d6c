package dev.vigil.cli.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors and warnings found while reading one file, formatted as
 * {@code FILE:LINE: what is wrong — what to do}, and hands them out in line order (problems
 * about the whole file last). Not thread-safe; one per parse.
 */
final class Problems {
    private final String source;
    private final List<Entry> errors = new ArrayList<>();
    private final List<Entry> warnings = new ArrayList<>();

    private record Entry(int line, String text) {
    }

    Problems(String source) {
        this.source = source;
    }

    /** Records an error; {@code line} 0 means the file as a whole, {@code fix} may be null. */
    void error(int line, String what, String fix) {
        errors.add(new Entry(line, format(line, what, fix)));
    }

    /** Records a warning; {@code line} 0 means the file as a whole, {@code fix} may be null. */
    void warning(int line, String what, String fix) {
        warnings.add(new Entry(line, format(line, what, fix)));
    }

    String format(int line, String what, String fix) {
        String where = line > 0 ? source + ":" + line : source;
        return where + ": " + what + (fix == null ? "" : " — " + fix);
    }

    int errorCount() {
        return errors.size();
    }

    void throwIfErrors() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(inLineOrder(errors));
        }
    }

    List<String> warnings() {
        return inLineOrder(warnings);
    }

    private static List<String> inLineOrder(List<Entry> entries) {
        return entries.stream()
                .sorted(Comparator.comparingInt(e -> e.line() == 0 ? Integer.MAX_VALUE : e.line()))
                .map(Entry::text)
                .toList();
    }
}
