package dev.vigil.cib.validate;

import dev.vigil.cib.xml.XmlElement;
import java.util.HashMap;
import java.util.Map;

/** Reports an {@code id} defined by more than one element of the configuration. */
final class DuplicateIdCheck {
    private DuplicateIdCheck() {
    }

    static void run(ValidationContext ctx) {
        Map<String, XmlElement> first = new HashMap<>();
        ValidationContext.walk(ctx.configuration, e -> {
            if (!ValidationContext.definesId(e)) {
                return;
            }
            String id = e.attr("id");
            XmlElement earlier = first.putIfAbsent(id, e);
            if (earlier != null) {
                ctx.error(e, "id '" + id + "' is used twice (lines " + earlier.line() + " and " + e.line() + ")");
            }
        });
    }
}
