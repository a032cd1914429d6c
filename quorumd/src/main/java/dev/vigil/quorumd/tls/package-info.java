/**
 * TLS for the quorum protocol: loading PKCS12 keystores, truststores and password files into a
 * TLS 1.3 {@link javax.net.ssl.SSLContext} with clear errors ({@link dev.vigil.quorumd.tls.TlsFiles}),
 * the authenticated peer's identity ({@link dev.vigil.quorumd.tls.PeerIdentity}), and issuing a CA,
 * server and client certificates with the JDK's keytool
 * ({@link dev.vigil.quorumd.tls.CertificateIssuer}, laid out as a
 * {@link dev.vigil.quorumd.tls.CertificateSet}).
 *
 * <p>Depends on the JDK and {@code dev.vigil.quorumd.wire} (name rules). Reads only the files it is
 * given; runs keytool only when asked to issue certificates.
 */
package dev.vigil.quorumd.tls;
