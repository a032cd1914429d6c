package dev.vigil.cib.read;

import dev.vigil.cib.xml.XmlElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads name/value blocks ({@code instance_attributes}, {@code meta_attributes}, {@code utilization},
 * {@code cluster_property_set}) including Heartbeat 2.0's {@code <attributes><nvpair>} nesting. Blocks
 * are applied in order of their score, highest first; the first value for a name wins, as in Pacemaker.
 * Blocks guarded by a rule are skipped here (they are evaluated where a node or time is known).
 */
final class Attributes {
    private Attributes() {
    }

    static Map<String, String> read(ReadContext ctx, XmlElement parent, String blockName) {
        List<XmlElement> blocks = new ArrayList<>();
        if (parent == null) {
            return new LinkedHashMap<>();
        }
        for (XmlElement b : parent.elements(blockName)) {
            blocks.add(ctx.resolve(b));
        }
        blocks.sort(Comparator.comparingInt(b -> -scoreOf(b)));
        Map<String, String> out = new LinkedHashMap<>();
        for (XmlElement b : blocks) {
            if (b.element("rule") != null) {
                continue;
            }
            readPairs(ctx, b, out);
        }
        return out;
    }

    /** Every pair of one block, first value for a name winning. */
    static void readPairs(ReadContext ctx, XmlElement block, Map<String, String> out) {
        for (XmlElement c : block.elements()) {
            if (c.name().equals("nvpair")) {
                XmlElement p = ctx.resolve(c);
                String name = p.attr("name");
                String value = p.attr("value");
                if (name == null) {
                    ctx.error(c, "nvpair has no name");
                    continue;
                }
                if (value != null) {
                    out.putIfAbsent(name, value);
                }
            } else if (c.name().equals("attributes")) {
                readPairs(ctx, c, out);
            }
        }
    }

    private static int scoreOf(XmlElement b) {
        String s = b.attr("score");
        if (s == null) {
            return 0;
        }
        try {
            return dev.vigil.core.model.Score.parse(s).value();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
