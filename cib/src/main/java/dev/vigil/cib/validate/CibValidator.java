package dev.vigil.cib.validate;

import dev.vigil.cib.ConfigProblem;
import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a parsed CIB for mistakes that are valid XML but a broken configuration: duplicate ids,
 * constraints naming unknown resources (or nodes), loops of mandatory orderings, malformed scores and
 * unknown resource classes. Works on the XML tree so every problem carries its line. Stateless and
 * thread-safe.
 *
 * <p>Where {@link dev.vigil.cib.read.CibReader} reports the same problem, the message text is the
 * same, so the two lists can be merged by message.
 */
public final class CibValidator {
    private CibValidator() {
    }

    /**
     * Validates a document whose root is {@code <cib>} (or a bare {@code <configuration>}).
     *
     * @return the problems found, ordered by line; empty when there is no configuration section
     *     (the reader reports that)
     */
    public static List<ConfigProblem> validate(XmlElement root) {
        XmlElement conf = root.name().equals("configuration") ? root : root.element("configuration");
        if (conf == null) {
            return List.of();
        }
        ValidationContext ctx = new ValidationContext(conf);
        DuplicateIdCheck.run(ctx);
        ReferenceCheck.run(ctx);
        ValueCheck.run(ctx);
        OrderingCycleCheck.run(ctx);
        List<ConfigProblem> out = new ArrayList<>(ctx.problems);
        out.sort(Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(out);
    }
}
