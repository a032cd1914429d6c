package dev.vigil.membership;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two keys derived from the cluster key, one per purpose, so that the packet seal and the
 * message MAC never share key material. Derivation is HMAC-SHA256(clusterKey, label) — the
 * expand step of HKDF with a single block, enough because the cluster key is already uniformly
 * random 32 bytes. Immutable.
 */
final class ClusterKeys {

    private static final String SEAL_LABEL = "vigil membership packet seal v1";
    private static final String MAC_LABEL = "vigil membership message mac v1";

    private final SecretKey sealKey;
    private final SecretKey macKey;

    private ClusterKeys(SecretKey sealKey, SecretKey macKey) {
        this.sealKey = sealKey;
        this.macKey = macKey;
    }

    static ClusterKeys derive(byte[] clusterKey) {
        return new ClusterKeys(new SecretKeySpec(expand(clusterKey, SEAL_LABEL), "AES"),
                new SecretKeySpec(expand(clusterKey, MAC_LABEL), "HmacSHA256"));
    }

    /** AES-256 key for {@link SealProtocol}. */
    SecretKey sealKey() {
        return sealKey;
    }

    /** HMAC-SHA256 key for {@link Frame}. */
    SecretKey macKey() {
        return macKey;
    }

    private static byte[] expand(byte[] clusterKey, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clusterKey, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
