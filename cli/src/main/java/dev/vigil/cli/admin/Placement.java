package dev.vigil.cli.admin;

import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cli.daemon.SocketOption;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.core.scheduler.ClusterView;
import dev.vigil.core.scheduler.Scheduler;
import java.time.Instant;

/** Where a resource is, by the live CIB (read through the daemon). Stateless. */
final class Placement {
    private Placement() {
    }

    /** Whether no instance of {@code rsc} (or of its members) is active; false while the daemon cannot tell. */
    static boolean stopped(SocketOption socket, String rsc) {
        try (ControlClient client = ControlClient.connect(socket.path())) {
            String xml = client.call("cib-query").asText();
            ClusterView view = Scheduler.schedule(CibReader.read(XmlParser.parse(xml, "live CIB")).cib(),
                    Instant.now()).before();
            for (ClusterView.ResourceEntry e : view.resources()) {
                if (e.id().equals(rsc)) {
                    return !active(e);
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean active(ClusterView.ResourceEntry e) {
        return e.placements().stream().anyMatch(p -> p.node() != null && !p.role().equals("Stopped"))
                || e.children().stream().anyMatch(Placement::active);
    }
}
