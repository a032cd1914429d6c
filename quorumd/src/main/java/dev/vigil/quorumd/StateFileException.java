package dev.vigil.quorumd;

import java.io.IOException;

/** The state directory or file cannot be used; the message names it and says what to do. */
public final class StateFileException extends IOException {
    public StateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
