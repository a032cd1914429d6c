package dev.vigil.cli.configure;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.validate.CibValidator;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.simulate.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a CIB from a source and finds its problems, as {@code vigil verify} does. Stateless. */
final class CibInput {
    private CibInput() {
    }

    /** A parsed CIB and every problem found in it (errors and warnings, each message once). */
    record Loaded(String name, XmlElement root, List<ConfigProblem> problems) {
        boolean hasErrors() {
            return problems.stream().anyMatch(ConfigProblem::isError);
        }
    }

    static Loaded load(CibSource source) throws BadInputException {
        String xml = source.read();
        try {
            return check(source.name(), XmlParser.parse(xml, source.name()));
        } catch (XmlParseException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The problems of a document: the CIB reader's and the validator's, without repeats. */
    static Loaded check(String name, XmlElement root) {
        Set<String> seen = new LinkedHashSet<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigProblem p : CibReader.read(root).problems()) {
            if (seen.add(p.message())) {
                problems.add(p);
            }
        }
        for (ConfigProblem p : CibValidator.validate(root)) {
            if (seen.add(p.message())) {
                problems.add(p);
            }
        }
        return new Loaded(name, root, problems);
    }
}
