package dev.vigil.quorumd.wire;

/**
 * The server's answer to a valid {@link Hello}.
 *
 * @param version         protocol version the server speaks
 * @param heartbeatMillis how often the client must report at the latest
 * @param leaseMillis     how long a grant lasts without renewal
 */
public record Welcome(int version, long heartbeatMillis, long leaseMillis) implements Message {

    public Welcome {
        if (version < 1 || heartbeatMillis <= 0 || leaseMillis <= 0) {
            throw new IllegalArgumentException("welcome needs a version of 1 or more and positive times, got version "
                    + version + ", heartbeat " + heartbeatMillis + " ms, lease " + leaseMillis + " ms");
        }
    }
}
