package dev.vigil.cli.daemon;

import dev.vigil.cli.daemon.ipc.ControlServer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --socket} option shared by commands that talk to the local daemon. */
public final class SocketOption {
    @Option(names = "--socket", paramLabel = "PATH",
            description = "The daemon's control socket (default: $VIGIL_SOCKET or /run/vigil/vigil.sock).")
    Path socket;

    /** An option set to {@code path}, for commands that delegate to others. */
    public static SocketOption of(Path path) {
        SocketOption o = new SocketOption();
        o.socket = path;
        return o;
    }

    /** The socket to use: {@code --socket}, else {@code $VIGIL_SOCKET}, else the default path. */
    public Path path() {
        if (socket != null) {
            return socket;
        }
        String env = System.getenv("VIGIL_SOCKET");
        return env != null && !env.isBlank() ? Path.of(env) : ControlServer.DEFAULT_SOCKET_PATH;
    }
}
