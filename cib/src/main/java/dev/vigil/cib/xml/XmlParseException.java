package dev.vigil.cib.xml;

/** The input is not acceptable XML; the message names the source and line. */
public class XmlParseException extends Exception {
    private final int line;

    public XmlParseException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
