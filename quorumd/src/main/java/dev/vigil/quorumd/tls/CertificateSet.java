package dev.vigil.quorumd.tls;

import dev.vigil.quorumd.wire.Protocol;
import java.nio.file.Path;

/**
 * Where {@code vigil-quorumd certs} puts its files, all PKCS12 with one password file each (mode 0600):
 * <pre>
 * DIR/ca.p12, ca.pass, ca.crt            the certificate authority (keep ca.p12 offline if you can)
 * DIR/truststore.p12, truststore.pass    the CA certificate: every peer verifies the other against it
 * DIR/server.p12, server.pass            the quorum server's key and certificate
 * DIR/clusters/CLUSTER/NODE.p12, .pass   one client key and certificate per node (CN = node name)
 * </pre>
 * Immutable.
 *
 * @param dir the directory
 */
public record CertificateSet(Path dir) {

    public CertificateSet {
        if (dir == null) {
            throw new IllegalArgumentException("certificate directory must not be null");
        }
    }

    public Path caKeystore() {
        return dir.resolve("ca.p12");
    }

    public Path caPasswordFile() {
        return dir.resolve("ca.pass");
    }

    /** The CA certificate, PEM. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public Path truststorePasswordFile() {
        return dir.resolve("truststore.pass");
    }

    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    public Path serverPasswordFile() {
        return dir.resolve("server.pass");
    }

    public Path clusterDir(String cluster) {
        return dir.resolve("clusters").resolve(Protocol.checkName("cluster name", cluster));
    }

    public Path clientKeystore(String cluster, String node) {
        return clusterDir(cluster).resolve(Protocol.checkName("node name", node) + ".p12");
    }

    public Path clientPasswordFile(String cluster, String node) {
        return clusterDir(cluster).resolve(Protocol.checkName("node name", node) + ".pass");
    }
}
