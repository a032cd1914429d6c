package dev.vigil.quorumd.tls;

/**
 * A keystore, truststore or password file cannot be used. The message names the file, what is wrong
 * with it and what to do.
 */
public final class TlsConfigException extends IllegalArgumentException {
    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
