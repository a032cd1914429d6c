package dev.vigil.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cib.read.CibReader;
import dev.vigil.cib.xml.XmlParseException;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.cli.ExitCodes;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.simulate.BadInputException;
import dev.vigil.cli.simulate.CibLoader;
import dev.vigil.core.model.Cib;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a read-only command gets the cluster: the local daemon's {@code status} answer (default,
 * {@code --socket}) or a CIB file ({@code -x FILE}, e.g. saved with {@code vigil cib query}).
 * A picocli mixin; used from the command's thread only.
 */
public final class ClusterSource {
    @Mixin
    SocketOption socket;

    @Option(names = {"-x", "--xml-file"}, paramLabel = "FILE",
            description = "Read this CIB file instead of asking the local daemon (e.g. one saved with "
                    + "'vigil cib query').")
    Path file;

    /** Why the cluster could not be read, with the exit code to use (3 bad file, 4 daemon unreachable...). */
    public static final class Unavailable extends Exception {
        private final int exitCode;

        Unavailable(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** Reads the cluster from the file or the daemon. */
    /** The daemon's socket option (for commands that also change something). */
    public SocketOption socketOption() {
        return socket;
    }

    /** Whether a CIB file was given instead of the daemon. */
    public boolean offline() {
        return file != null;
    }

    public ClusterSnapshot load() throws Unavailable {
        if (file != null) {
            try {
                CibLoader.Loaded loaded = CibLoader.load(file);
                Cib cib = loaded.cib();
                return new ClusterSnapshot(file.toString(), cib, XmlWriter.toXml(loaded.document()),
                        ClusterSnapshot.dcOf(cib), null, List.of(), null);
            } catch (BadInputException e) {
                throw new Unavailable(e.getMessage(), ExitCodes.BAD_INPUT);
            }
        }
        try (ControlClient client = ControlClient.connect(socket.path())) {
            return fromStatus(client.call("status"));
        } catch (ControlException e) {
            // as for the administration commands: refused 1, a wrong request 2, otherwise unreachable 4
            int code = switch (e.code()) {
                case ControlException.INVALID, ControlException.NOT_FOUND -> ExitCodes.INVALID_CONFIG;
                case ControlException.BAD_REQUEST -> ExitCodes.USAGE;
                default -> StatusCommand.UNREACHABLE;
            };
            throw new Unavailable(e.getMessage(), code);
        }
    }

    /** A snapshot from the daemon's status answer (its {@code cib}, {@code dc}, {@code node}, {@code members}). */
    public static ClusterSnapshot fromStatus(JsonNode status) throws Unavailable {
        Cib cib;
        String xml = status.path("cib").asText();
        try {
            cib = CibReader.read(XmlParser.parse(xml, "the live CIB")).cib();
        } catch (XmlParseException e) {
            throw new Unavailable("the daemon answered with an unreadable CIB: " + e.getMessage(), ExitCodes.SOFTWARE);
        }
        List<String> members = new java.util.ArrayList<>();
        status.path("members").forEach(m -> members.add(m.asText()));
        String dc = status.path("dc").isTextual() ? status.get("dc").asText() : null;
        return new ClusterSnapshot("the local daemon", cib, xml, dc, status.path("node").asText(null), members, status);
    }
}
