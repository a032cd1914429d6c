package dev.vigil.cli.configure;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say which CIB a configure command reads. Today only {@code -x FILE}; an online
 * source ({@code --socket}, the daemon's live CIB) is added here and returned by {@link #source()}.
 */
public final class CibSourceOption {
    @Option(names = {"-x", "--xml-file", "--cib"}, paramLabel = "FILE",
            description = "Read the CIB from this file (e.g. a cib.xml, or the output of 'vigil cib query').")
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
        throw new IllegalArgumentException("no CIB given: pass -x FILE");
    }
}
