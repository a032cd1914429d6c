package dev.vigil.cli.simulate;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.validate.CibValidator;
import dev.vigil.cib.xml.XmlElement;
import java.util.List;

/** Runs the CIB validator over a parsed document. */
final class Validation {
    private Validation() {
    }

    static List<ConfigProblem> validate(XmlElement root) {
        return CibValidator.validate(root);
    }
}
