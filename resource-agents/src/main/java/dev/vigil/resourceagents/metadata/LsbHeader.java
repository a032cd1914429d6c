package dev.vigil.resourceagents.metadata;

import java.time.Duration;
import java.util.List;

/**
 * Builds meta-data for an LSB init script from its {@code ### BEGIN INIT INFO} block
 * ({@code Short-Description}, {@code Description}), since init scripts have no
 * {@code meta-data} action. Stateless.
 */
public final class LsbHeader {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private LsbHeader() {
    }

    public static AgentMetadata metadata(String name, String scriptText) {
        String shortDesc = "";
        StringBuilder longDesc = new StringBuilder();
        boolean inBlock = false;
        boolean inDescription = false;
        for (String line : scriptText.lines().limit(200).toList()) {
            String t = line.strip();
            if (t.startsWith("### BEGIN INIT INFO")) {
                inBlock = true;
                continue;
            }
            if (t.startsWith("### END INIT INFO")) {
                break;
            }
            if (!inBlock || !t.startsWith("#")) {
                continue;
            }
            String body = t.substring(1);
            if (body.startsWith("# ") || body.startsWith("#\t")) {
                continue;
            }
            if (inDescription && (body.startsWith("\t") || body.startsWith("  "))) {
                longDesc.append(' ').append(body.strip());
                continue;
            }
            inDescription = false;
            String trimmed = body.strip();
            if (trimmed.startsWith("Short-Description:")) {
                shortDesc = trimmed.substring("Short-Description:".length()).strip();
            } else if (trimmed.startsWith("Description:")) {
                longDesc.append(trimmed.substring("Description:".length()).strip());
                inDescription = true;
            }
        }
        List<ActionSpec> actions = List.of(
                new ActionSpec("start", DEFAULT_TIMEOUT, Duration.ZERO, 0, null),
                new ActionSpec("stop", DEFAULT_TIMEOUT, Duration.ZERO, 0, null),
                new ActionSpec("status", DEFAULT_TIMEOUT, Duration.ZERO, 0, null),
                new ActionSpec("restart", DEFAULT_TIMEOUT, Duration.ZERO, 0, null),
                new ActionSpec("monitor", DEFAULT_TIMEOUT, Duration.ofSeconds(15), 0, null),
                new ActionSpec("meta-data", Duration.ofSeconds(5), Duration.ZERO, 0, null));
        String description = longDesc.length() == 0 ? shortDesc : longDesc.toString();
        return new AgentMetadata(name, "", "1.0", shortDesc.isEmpty() ? name + " (LSB init script)" : shortDesc,
                description, List.of(), actions);
    }

    /** Renders meta-data in the OCF XML format, as Pacemaker does for LSB scripts. */
    public static String toXml(AgentMetadata md) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n<resource-agent name=\"").append(esc(md.name()))
                .append("\" version=\"0.1\">\n  <version>1.0</version>\n  <longdesc lang=\"en\">")
                .append(esc(md.longDesc())).append("</longdesc>\n  <shortdesc lang=\"en\">")
                .append(esc(md.shortDesc())).append("</shortdesc>\n  <parameters/>\n  <actions>\n");
        for (ActionSpec a : md.actions()) {
            sb.append("    <action name=\"").append(a.name()).append("\" timeout=\"")
                    .append(a.timeout().toSeconds()).append("s\"");
            if (!a.interval().isZero()) {
                sb.append(" interval=\"").append(a.interval().toSeconds()).append("s\"");
            }
            sb.append("/>\n");
        }
        return sb.append("  </actions>\n</resource-agent>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
