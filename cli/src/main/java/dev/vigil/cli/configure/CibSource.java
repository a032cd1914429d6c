package dev.vigil.cli.configure;

import dev.vigil.cli.simulate.BadInputException;

/**
 * Where a configure command gets the CIB it reads: a file ({@link FileCibSource}) or, for the
 * online forms, the local daemon. Implementations are used from the command's thread only.
 */
public interface CibSource {
    /** What the CIB is, for messages: a file name, or "the live CIB". */
    String name();

    /** The whole CIB as XML text. */
    String read() throws BadInputException;
}
