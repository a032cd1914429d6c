package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cib.document.CibPersistence;
import dev.vigil.cib.document.XmlCibDocument;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.simulate.SimulationText;
import dev.vigil.core.controller.ControllerStatus;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.scheduler.Scheduler;
import dev.vigil.core.scheduler.Transition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A dry run ({@code --dry-run}): the changes applied to a copy of this node's CIB, checked as the
 * DC would check them, and the transition the scheduler would then run, as crm_simulate's
 * Transition Summary. Nothing is committed. Stateless.
 */
final class Preview {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Preview() {
    }

    /**
     * @return {@code dry_run: true}, {@code changed}, {@code summary} (the Transition Summary text)
     *         and {@code message}
     * @throws ControlException INVALID with the reasons the DC would refuse the changes
     */
    static JsonNode of(ControllerStatus status, List<CibChange> changes, Instant now, String message)
            throws ControlException {
        XmlCibDocument copy;
        try {
            copy = new XmlCibDocument(XmlParser.parse(status.cibXml(), "the CIB of " + status.node()),
                    CibPersistence.none(), Clock.fixed(now, ZoneOffset.UTC));
        } catch (XmlParseException e) {
            throw new ControlException(ControlException.INTERNAL, "this node's CIB cannot be read: " + e.getMessage(),
                    e);
        }
        for (CibChange c : changes) {
            List<String> problems = copy.apply(c);
            if (!problems.isEmpty()) {
                throw new ControlException(ControlException.INVALID, String.join("\n", problems));
            }
        }
        Transition t = Scheduler.schedule(copy.model(), now);
        String summary = SimulationText.summary(t);
        ObjectNode o = JSON.createObjectNode();
        o.put("dry_run", true);
        o.put("changed", !changes.isEmpty());
        o.put("summary", summary);
        o.put("message", (message == null || message.isEmpty() ? "" : message + "\n")
                + "Dry run: nothing was changed. This is the transition the change would cause:\n" + summary);
        return o;
    }
}
