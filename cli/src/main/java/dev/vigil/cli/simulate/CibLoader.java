package dev.vigil.cli.simulate;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.core.model.Cib;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a CIB file for the offline commands: parse, turn into the model, collect every problem. */
public final class CibLoader {
    private CibLoader() {
    }

    /** A loaded CIB: the document, the model and the problems found (errors and warnings). */
    public record Loaded(Path file, XmlElement document, Cib cib, List<ConfigProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(ConfigProblem::isError);
        }
    }

    public static Loaded load(Path file) throws BadInputException {
        XmlElement root;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": no such file");
            }
            root = XmlParser.parse(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        } catch (XmlParseException e) {
            throw new BadInputException(e.getMessage());
        }
        CibReader.Result result = CibReader.read(root);
        Set<String> seen = new LinkedHashSet<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigProblem p : result.problems()) {
            if (seen.add(p.message())) {
                problems.add(p);
            }
        }
        for (ConfigProblem p : Validation.validate(root)) {
            if (seen.add(p.message())) {
                problems.add(p);
            }
        }
        return new Loaded(file, root, result.cib(), problems);
    }
}
