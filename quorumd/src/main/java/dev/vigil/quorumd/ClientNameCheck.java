package dev.vigil.quorumd;

import dev.vigil.quorumd.tls.PeerIdentity;
import dev.vigil.quorumd.wire.Hello;
import java.util.Optional;

/**
 * What the server requires of the common name (CN) of a client's certificate, beyond being signed by
 * a trusted CA.
 */
public enum ClientNameCheck {
    /** Any certificate the truststore's CA signed is accepted. */
    ANY("any"),
    /** The CN must equal the node name the client announces ({@code vigil-quorumd certs} issues such). */
    NODE("node"),
    /** The CN must equal the cluster name the client announces (one certificate per cluster). */
    CLUSTER("cluster");

    private final String label;

    ClientNameCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses {@code any}, {@code node} or {@code cluster} (case-insensitive). */
    public static ClientNameCheck parse(String text) {
        for (ClientNameCheck c : values()) {
            if (c.label.equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown client name check '" + text + "'; expected any, node or cluster");
    }

    /** Why {@code peer} may not say {@code hello}, or empty when it may. */
    Optional<String> refusal(PeerIdentity peer, Hello hello) {
        String expected = switch (this) {
            case ANY -> null;
            case NODE -> hello.node();
            case CLUSTER -> hello.cluster();
        };
        if (expected == null || peer.commonName().filter(expected::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("certificate '" + peer.subject() + "' does not belong to " + label + " '" + expected
                + "': its CN must be '" + expected + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
