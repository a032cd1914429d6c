package dev.vigil.cli.configure;

import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.simulate.BadInputException;
import java.nio.file.Path;

/** The live CIB of the local daemon (control socket op {@code cib-query}). */
public record DaemonCibSource(Path socket) implements CibSource {

    @Override
    public String name() {
        return "the live CIB (" + socket + ")";
    }

    @Override
    public String read() throws BadInputException {
        try (ControlClient client = ControlClient.connect(socket)) {
            return client.call("cib-query").asText();
        } catch (ControlException e) {
            throw new DaemonUnreachable(e);
        }
    }

    /** The daemon could not be asked (exit code 4, as the other online commands). */
    public static final class DaemonUnreachable extends BadInputException {
        public DaemonUnreachable(ControlException cause) {
            super(cause.getMessage());
        }
    }
}
