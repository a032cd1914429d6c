package dev.vigil.cli.simulate;

/** An input file that cannot be used; the message is the one line shown to the user. */
public class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message);
    }
}
