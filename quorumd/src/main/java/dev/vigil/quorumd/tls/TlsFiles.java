package dev.vigil.quorumd.tls;

import dev.vigil.quorumd.wire.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads PKCS12 keystores, truststores and password files and builds the TLS 1.3 context both the
 * server and the client use. Every failure is a {@link TlsConfigException} naming the file and what
 * to do. Stateless and thread-safe.
 */
public final class TlsFiles {

    private TlsFiles() {
    }

    /**
     * The TLS 1.3 context of a peer: its own key and certificate chain from {@code keystore}, the CA
     * certificates it trusts from {@code truststore}.
     */
    public static SSLContext context(Path keystore, char[] keystorePassword, Path truststore,
            char[] truststorePassword) {
        KeyStore keys = loadKeyStore(keystore, keystorePassword);
        KeyStore trust = loadTrustStore(truststore, truststorePassword);
        return context(keys, keystorePassword, trust, keystore + " and " + truststore);
    }

    /** The same, from password files. */
    public static SSLContext context(Path keystore, Path keystorePasswordFile, Path truststore,
            Path truststorePasswordFile) {
        return context(keystore, readPassword(keystorePasswordFile), truststore,
                truststorePasswordFile == null ? null : readPassword(truststorePasswordFile));
    }

    /** A TLS 1.3 context from already loaded stores ({@code source} names them in messages). */
    public static SSLContext context(KeyStore keys, char[] keyPassword, KeyStore trust, String source) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyPassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance(Protocol.TLS_VERSION);
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (UnrecoverableKeyException e) {
            throw new TlsConfigException("cannot read the private key in " + source + ": its password differs from"
                    + " the keystore password; re-create the keystore with one password (PKCS12)", e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot set up TLS from " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a password file: its first line, without the line end. The file must not be readable by
     * other users.
     */
    public static char[] readPassword(Path file) {
        requireReadableFile(file, "password file", "write the password into it (one line) and chmod 600 it");
        try {
            Set<PosixFilePermission> perms = posixPermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new TlsConfigException("password file " + file + " is readable by other users; run"
                        + " 'chmod 600 " + file + "'");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = nl < 0 ? text : text.substring(0, nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new TlsConfigException("password file " + file + " is empty; its first line must be the"
                        + " password");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new TlsConfigException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a PKCS12 keystore that must hold a private key with its certificate chain. */
    public static KeyStore loadKeyStore(Path file, char[] password) {
        KeyStore ks = load(file, password, "keystore");
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    hasKey = true;
                    checkValidity(file, alias, ks.getCertificate(alias));
                }
            }
            if (!hasKey) {
                throw new TlsConfigException("keystore " + file + " holds no private key; give the keystore with this"
                        + " peer's key and certificate (the truststore is a separate option)");
            }
            return ks;
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a PKCS12 truststore that must hold at least one trusted certificate. */
    public static KeyStore loadTrustStore(Path file, char[] password) {
        KeyStore ks = load(file, password, "truststore");
        try {
            boolean hasCert = false;
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isCertificateEntry(alias)) {
                    hasCert = true;
                    checkValidity(file, alias, ks.getCertificate(alias));
                }
            }
            if (!hasCert) {
                throw new TlsConfigException("truststore " + file + " holds no trusted certificate"
                        + (password == null ? " that can be read without a password; give its password file" : "")
                        + "; import the CA certificate with 'keytool -importcert -file ca.crt -keystore " + file + "'");
            }
            return ks;
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot read truststore " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password, String kind) {
        requireReadableFile(file, kind, "create one with 'vigil-quorumd certs' or give the right path");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsConfigException("cannot open " + kind + " " + file + ": the password is wrong; check"
                        + " that its password file belongs to this " + kind, e);
            }
            throw new TlsConfigException("cannot open " + kind + " " + file + ": not a PKCS12 keystore or damaged ("
                    + e.getMessage() + "); convert it with 'keytool -importkeystore -deststoretype PKCS12'", e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot open " + kind + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkValidity(Path file, String alias, Certificate cert) {
        if (cert instanceof X509Certificate x509) {
            try {
                x509.checkValidity(new Date());
            } catch (CertificateExpiredException e) {
                throw new TlsConfigException("certificate '" + alias + "' in " + file + " expired on "
                        + x509.getNotAfter().toInstant() + "; issue new certificates (vigil-quorumd certs)", e);
            } catch (CertificateNotYetValidException e) {
                throw new TlsConfigException("certificate '" + alias + "' in " + file + " is valid only from "
                        + x509.getNotBefore().toInstant() + "; check this machine's clock", e);
            }
        }
    }

    private static void requireReadableFile(Path file, String kind, String remedy) {
        if (file == null) {
            throw new TlsConfigException("no " + kind + " given; " + remedy);
        }
        if (!Files.exists(file)) {
            throw new TlsConfigException(kind + " " + file + " does not exist; " + remedy);
        }
        if (!Files.isRegularFile(file)) {
            throw new TlsConfigException(kind + " " + file + " is not a regular file; " + remedy);
        }
        if (!Files.isReadable(file)) {
            throw new TlsConfigException(kind + " " + file + " is not readable by this user; fix its owner or mode");
        }
    }

    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return Set.of();
        } catch (NoSuchFileException e) {
            throw new TlsConfigException("password file " + file + " does not exist", e);
        }
    }
}
