package dev.vigil.quorumd.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The authenticated identity of a TLS peer: the subject of its (CA-verified) certificate. Immutable.
 *
 * @param subject    the certificate subject, RFC 2253
 * @param commonName its CN, if it has one
 */
public record PeerIdentity(String subject, Optional<String> commonName) {

    /** The identity of the peer of a completed handshake. */
    public static PeerIdentity of(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new SSLPeerUnverifiedException("peer presented no X.509 certificate");
        }
        return of(leaf);
    }

    /** The identity a certificate names. */
    public static PeerIdentity of(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName();
        return new PeerIdentity(subject, commonName(subject));
    }

    private static Optional<String> commonName(String subject) {
        try {
            // The most specific (last in RDN order, first in the string) CN wins.
            Optional<String> cn = Optional.empty();
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return subject;
    }
}
