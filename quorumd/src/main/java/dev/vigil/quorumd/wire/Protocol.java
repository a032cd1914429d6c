package dev.vigil.quorumd.wire;

import java.util.regex.Pattern;

/** Constants and name rules of the quorum protocol. */
public final class Protocol {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** The default TCP port of the quorum server. */
    public static final int DEFAULT_PORT = 5403;
    /** The only TLS version used. */
    public static final String TLS_VERSION = "TLSv1.3";
    /** Largest accepted frame payload, in bytes. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Most members one report may list. */
    public static final int MAX_MEMBERS = 1024;
    /** Longest accepted reason or error text, in characters. */
    public static final int MAX_TEXT = 4096;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private Protocol() {
    }

    /**
     * Checks a cluster or node name: 1 to 253 characters, letters, digits, '.', '_' and '-', starting
     * with a letter or digit (host names fit).
     *
     * @param what what the name is, for the message ({@code "cluster name"})
     * @return the name
     */
    public static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not valid: use 1 to 253 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    static String checkText(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " is " + text.length() + " characters long; at most "
                    + MAX_TEXT + " are allowed");
        }
        return text;
    }
}
