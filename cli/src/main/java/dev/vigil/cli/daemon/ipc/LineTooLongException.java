package dev.vigil.cli.daemon.ipc;

import java.io.IOException;

/** A line exceeded the limit of its {@link LineBuffer}; the stream cannot be resynchronised. */
final class LineTooLongException extends IOException {
    LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
    }
}
