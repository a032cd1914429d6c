package dev.vigil.quorumd.wire;

import java.io.IOException;

/** A peer sent something that is not a valid frame or message of the quorum protocol. */
public final class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
