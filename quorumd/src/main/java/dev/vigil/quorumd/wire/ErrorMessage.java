package dev.vigil.quorumd.wire;

/**
 * The server refuses the connection (bad hello, protocol violation); it closes the connection after
 * sending this.
 *
 * @param message what was wrong, for the client's log
 */
public record ErrorMessage(String message) implements Message {

    public ErrorMessage {
        Protocol.checkText("error message", message);
    }
}
