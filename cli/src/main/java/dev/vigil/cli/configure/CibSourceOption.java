package dev.vigil.cli.configure;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say which CIB a configure command reads: {@code -x FILE}, or else the local
 * daemon's live CIB (through {@code --socket}).
 */
public final class CibSourceOption {
    @Option(names = {"-x", "--xml-file", "--cib"}, paramLabel = "FILE",
            description = "Work on this CIB file (e.g. a cib.xml, or the output of 'vigil cib query') instead of "
                    + "the live CIB of the local daemon.")
    Path file;

    /**
     * The source chosen on the command line.
     *
     * @throws IllegalArgumentException when none was given (a usage error)
     */
    public CibSource source() {
        if (file != null) {
            return new FileCibSource(file);
        }
        return new DaemonCibSource(socket.path());
    }

    /** The live CIB behind {@code socket}. */
    public static CibSourceOption online(java.nio.file.Path socket) {
        CibSourceOption o = new CibSourceOption();
        o.socket = dev.vigil.cli.daemon.SocketOption.of(socket);
        return o;
    }

    /** Whether the command works on the live CIB (no {@code -x}): changes are committed through the daemon. */
    public boolean online() {
        return file == null;
    }

    /** The control socket, for online commands. */
    public java.nio.file.Path socket() {
        return socket.path();
    }

    @picocli.CommandLine.Mixin
    dev.vigil.cli.daemon.SocketOption socket = new dev.vigil.cli.daemon.SocketOption();
}
