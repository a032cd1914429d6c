package dev.vigil.quorumd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.quorumd.tls.CertificateSet;
import dev.vigil.quorumd.tls.PeerIdentity;
import dev.vigil.quorumd.tls.TlsConfigException;
import dev.vigil.quorumd.tls.TlsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code vigil-quorumd certs} produces, and how bad key files are reported. */
class CertsIT {
    private static final String C = TestCertificates.CLUSTER;
    private final TestCertificates certs = TestCertificates.get();
    private final CertificateSet set = certs.main();

    @Test
    void keysAndPasswordsAreReadableByTheOwnerOnly() throws IOException {
        for (Path p : List.of(set.caKeystore(), set.caPasswordFile(), set.truststore(), set.truststorePasswordFile(),
                set.serverKeystore(), set.serverPasswordFile(), set.clientKeystore(C, "a"),
                set.clientPasswordFile(C, "a"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(set.dir())));
        assertTrue(certs.certsOutput().contains("vigil-quorumd --keystore " + set.serverKeystore()),
                certs.certsOutput());
    }

    @Test
    void theServerCertificateIsSignedByTheCaForItsNames() throws Exception {
        KeyStore ks = TlsFiles.loadKeyStore(set.serverKeystore(), TlsFiles.readPassword(set.serverPasswordFile()));
        Certificate[] chain = ks.getCertificateChain("server");
        assertEquals(2, chain.length);
        X509Certificate leaf = (X509Certificate) chain[0];
        X509Certificate ca = (X509Certificate) chain[1];
        leaf.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA certificate must be a CA");
        assertEquals("CN=quorum.example.org,O=Vigil", PeerIdentity.of(leaf).subject());
        List<String> names = leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertEquals(List.of("quorum.example.org", "localhost", "127.0.0.1"), names);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
    }

    @Test
    void eachNodeGetsAClientCertificateNamedAfterIt() throws Exception {
        KeyStore ks = TlsFiles.loadKeyStore(set.clientKeystore(C, "b"), TlsFiles.readPassword(set.clientPasswordFile(C, "b")));
        X509Certificate leaf = (X509Certificate) ks.getCertificateChain("b")[0];
        assertEquals("CN=b,OU=c1,O=Vigil", PeerIdentity.of(leaf).subject());
        assertEquals("b", PeerIdentity.of(leaf).commonName().orElseThrow());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    }

    @Test
    void aSecondClusterReusesTheCaAndExistingNodesNeedForce() throws IOException {
        String ca = Files.readString(set.caCertificate());
        String server = Files.readString(set.serverPasswordFile());
        Result again = certs("--cluster", C, "--nodes", "a");
        assertEquals(ExitCodes.BAD_INPUT, again.code());
        assertTrue(again.err().contains(set.clientKeystore(C, "a") + ": a keystore for node 'a' of cluster 'c1'"
                + " exists already; use --force"), again.err());
        Result other = certs("--cluster", "c2", "--nodes", "x");
        assertEquals(0, other.code(), other.err());
        assertTrue(other.out().contains("(existing CA)"), other.out());
        assertEquals(ca, Files.readString(set.caCertificate()));
        assertEquals(server, Files.readString(set.serverPasswordFile()));
        assertTrue(Files.exists(set.clientKeystore("c2", "x")));
    }

    @Test
    void aWrongPasswordIsReportedWithTheFile() throws IOException {
        Path wrong = set.dir().resolve("wrong.pass");
        Files.deleteIfExists(wrong);
        Files.createFile(wrong, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrong, "not-the-password\n");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsFiles.context(set.serverKeystore(),
                wrong, set.truststore(), set.truststorePasswordFile()));
        assertEquals("cannot open keystore " + set.serverKeystore() + ": the password is wrong; check that its"
                + " password file belongs to this keystore", e.getMessage());
    }

    @Test
    void storesSwappedByMistakeAreNamed() {
        char[] trustPassword = TlsFiles.readPassword(set.truststorePasswordFile());
        TlsConfigException noKey = assertThrows(TlsConfigException.class,
                () -> TlsFiles.loadKeyStore(set.truststore(), trustPassword));
        assertTrue(noKey.getMessage().contains("keystore " + set.truststore() + " holds no private key"),
                noKey.getMessage());
        char[] serverPassword = TlsFiles.readPassword(set.serverPasswordFile());
        TlsConfigException noCa = assertThrows(TlsConfigException.class,
                () -> TlsFiles.loadTrustStore(set.serverKeystore(), serverPassword));
        assertTrue(noCa.getMessage().contains("truststore " + set.serverKeystore() + " holds no trusted certificate"),
                noCa.getMessage());
    }

    @Test
    void theServerCommandRefusesAWrongPasswordWithExitCode3() {
        Path wrongKeystore = set.clientKeystore(C, "a");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--listen", "127.0.0.1:0", "--keystore", wrongKeystore.toString(),
                "--keystore-password-file", set.serverPasswordFile().toString(), "--truststore",
                set.truststore().toString(), "--truststore-password-file", set.truststorePasswordFile().toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("cannot open keystore " + wrongKeystore + ": the password is wrong"),
                err.toString());
    }

    private record Result(int code, String out, String err) {
    }

    private Result certs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "certs";
        all[1] = "--dir";
        all[2] = set.dir().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
