package dev.vigil.quorumd.tls;

import dev.vigil.quorumd.wire.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Creates the certificates of a quorum deployment with {@code keytool} (see {@link CertificateSet}
 * for the files): a CA (reused when the directory already has one, so several clusters can share a
 * server), a truststore holding the CA certificate, the server's key and certificate (SAN: the given
 * names plus {@code localhost} and {@code 127.0.0.1}) and one client key and certificate per node
 * (CN = node name, OU = cluster name). Keys are EC P-256. Key and password files are mode 0600.
 *
 * <p>Threading: {@link #issue} runs keytool processes for the leaf certificates in parallel on
 * threads it creates and stops before returning.
 */
public final class CertificateIssuer {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
    private static final String CA_ALIAS = "ca";

    private final Keytool keytool;
    private final SecureRandom random = new SecureRandom();

    public CertificateIssuer(Keytool keytool) {
        this.keytool = keytool;
    }

    /**
     * What to issue.
     *
     * @param dir          target directory (created 0700 if missing)
     * @param cluster      cluster name (OU of the client certificates)
     * @param nodes        node names; one client keystore each
     * @param serverNames  DNS names or IP addresses clients use to reach the server
     * @param validityDays certificate validity
     * @param force        replace existing server and client keystores of this cluster (never the CA)
     */
    public record Request(Path dir, String cluster, List<String> nodes, List<String> serverNames, int validityDays,
            boolean force) {
        public Request {
            Protocol.checkName("cluster name", cluster);
            if (nodes == null || nodes.isEmpty()) {
                throw new IllegalArgumentException("give at least one node name");
            }
            nodes = List.copyOf(nodes);
            nodes.forEach(n -> Protocol.checkName("node name", n));
            if (new HashSet<>(nodes).size() != nodes.size()) {
                throw new IllegalArgumentException("node names must be unique, got " + nodes);
            }
            serverNames = List.copyOf(serverNames);
            for (String s : serverNames) {
                if (!IPV4.matcher(s).matches() && !HOST.matcher(s).matches()) {
                    throw new IllegalArgumentException("server name '" + s + "' is neither a host name nor an IPv4"
                            + " address");
                }
            }
            if (validityDays < 1) {
                throw new IllegalArgumentException("validity must be at least 1 day, got " + validityDays);
            }
        }
    }

    /**
     * Issues the certificates.
     *
     * @return one line per file created or kept, for the user
     * @throws IOException a file could not be written or keytool failed
     */
    public List<String> issue(Request request) throws IOException {
        CertificateSet set = new CertificateSet(request.dir());
        List<String> notes = new ArrayList<>();
        refuseConflicts(set, request);
        createPrivateDir(request.dir());
        createPrivateDir(request.dir().resolve("clusters"));
        createPrivateDir(set.clusterDir(request.cluster()));
        Path scratch = Files.createTempDirectory(request.dir(), ".certs-");
        try {
            ensureCa(set, request, notes);
            ensureTruststore(set, notes);
            List<Leaf> leaves = new ArrayList<>();
            if (request.force() || !Files.exists(set.serverKeystore())) {
                leaves.add(serverLeaf(set, request));
            } else {
                notes.add("kept     " + set.serverKeystore() + " (use --force to re-issue it, e.g. for other"
                        + " server names)");
            }
            for (String node : request.nodes()) {
                leaves.add(new Leaf(node, set.clientKeystore(request.cluster(), node),
                        set.clientPasswordFile(request.cluster(), node),
                        "CN=" + node + ", OU=" + request.cluster() + ", O=Vigil", List.of("dns:" + node),
                        "clientAuth"));
            }
            issueAll(set, request, leaves, scratch);
            leaves.forEach(l -> notes.add("created  " + l.keystore() + " (" + l.dname() + ")"));
            return notes;
        } finally {
            deleteTree(scratch);
        }
    }

    private record Leaf(String alias, Path keystore, Path passwordFile, String dname, List<String> san,
            String extendedKeyUsage) {
    }

    private Leaf serverLeaf(CertificateSet set, Request request) {
        LinkedHashSet<String> san = new LinkedHashSet<>();
        for (String name : request.serverNames()) {
            san.add((IPV4.matcher(name).matches() ? "ip:" : "dns:") + name);
        }
        san.add("dns:localhost");
        san.add("ip:127.0.0.1");
        String cn = request.serverNames().isEmpty() ? "localhost" : request.serverNames().get(0);
        return new Leaf("server", set.serverKeystore(), set.serverPasswordFile(), "CN=" + cn + ", O=Vigil",
                List.copyOf(san), "serverAuth");
    }

    private void refuseConflicts(CertificateSet set, Request request) throws IOException {
        if (Files.exists(set.caKeystore()) != Files.exists(set.caPasswordFile())) {
            throw new IOException("found only one of " + set.caKeystore() + " and " + set.caPasswordFile()
                    + "; restore the other or remove both to create a new CA");
        }
        if (request.force()) {
            return;
        }
        for (String node : request.nodes()) {
            Path ks = set.clientKeystore(request.cluster(), node);
            if (Files.exists(ks)) {
                throw new FileAlreadyExistsException(ks.toString(), null, "a keystore for node '" + node
                        + "' of cluster '" + request.cluster() + "' exists already; use --force to replace it");
            }
        }
    }

    private void ensureCa(CertificateSet set, Request request, List<String> notes) throws IOException {
        if (Files.exists(set.caKeystore())) {
            notes.add("kept     " + set.caKeystore() + " (existing CA)");
        } else {
            writeSecret(set.caPasswordFile(), newPassword());
            keytool.run("create the CA key pair in " + set.caKeystore(), "-genkeypair", List.of(
                    "-alias", CA_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=Vigil quorum CA, O=Vigil", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign",
                    "-validity", Integer.toString(request.validityDays()),
                    "-keystore", set.caKeystore().toString(), "-storetype", "PKCS12",
                    "-storepass:file", set.caPasswordFile().toString()));
            restrict(set.caKeystore());
            Files.deleteIfExists(set.caCertificate());
            notes.add("created  " + set.caKeystore());
        }
        if (!Files.exists(set.caCertificate())) {
            keytool.run("export the CA certificate to " + set.caCertificate(), "-exportcert", List.of(
                    "-rfc", "-alias", CA_ALIAS, "-keystore", set.caKeystore().toString(),
                    "-storepass:file", set.caPasswordFile().toString(), "-file", set.caCertificate().toString()));
        }
    }

    private void ensureTruststore(CertificateSet set, List<String> notes) throws IOException {
        if (Files.exists(set.truststore()) && Files.exists(set.truststorePasswordFile())) {
            notes.add("kept     " + set.truststore());
            return;
        }
        Files.deleteIfExists(set.truststore());
        Files.deleteIfExists(set.truststorePasswordFile());
        writeSecret(set.truststorePasswordFile(), newPassword());
        keytool.run("create the truststore " + set.truststore(), "-importcert", List.of(
                "-noprompt", "-alias", "vigil-ca", "-file", set.caCertificate().toString(),
                "-keystore", set.truststore().toString(), "-storetype", "PKCS12",
                "-storepass:file", set.truststorePasswordFile().toString()));
        restrict(set.truststore());
        notes.add("created  " + set.truststore());
    }

    private void issueAll(CertificateSet set, Request request, List<Leaf> leaves, Path scratch) throws IOException {
        int threads = Math.max(1, Math.min(leaves.size(), Math.max(2, Runtime.getRuntime().availableProcessors())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "certs-keytool");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Leaf leaf : leaves) {
                futures.add(pool.submit(() -> {
                    issueLeaf(set, request, leaf, scratch);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while issuing certificates", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("issuing a certificate failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void issueLeaf(CertificateSet set, Request request, Leaf leaf, Path scratch) throws IOException {
        Files.deleteIfExists(leaf.keystore());
        Files.deleteIfExists(leaf.passwordFile());
        writeSecret(leaf.passwordFile(), newPassword());
        String validity = Integer.toString(request.validityDays());
        String ks = leaf.keystore().toString();
        String pass = leaf.passwordFile().toString();
        Path csr = scratch.resolve(leaf.alias() + "-" + request.cluster() + ".csr");
        Path crt = scratch.resolve(leaf.alias() + "-" + request.cluster() + ".crt");
        Path chain = scratch.resolve(leaf.alias() + "-" + request.cluster() + "-chain.pem");
        keytool.run("create the key pair in " + ks, "-genkeypair", List.of("-alias", leaf.alias(),
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", leaf.dname(), "-validity", validity,
                "-keystore", ks, "-storetype", "PKCS12", "-storepass:file", pass));
        restrict(leaf.keystore());
        keytool.run("create a certificate request from " + ks, "-certreq", List.of("-alias", leaf.alias(),
                "-keystore", ks, "-storepass:file", pass, "-file", csr.toString()));
        keytool.run("sign the certificate of " + ks + " with the CA", "-gencert", List.of("-alias", CA_ALIAS,
                "-keystore", set.caKeystore().toString(), "-storepass:file", set.caPasswordFile().toString(),
                "-infile", csr.toString(), "-outfile", crt.toString(), "-rfc", "-validity", validity,
                "-ext", "san=" + String.join(",", leaf.san()), "-ext", "ku:c=digitalSignature",
                "-ext", "eku=" + leaf.extendedKeyUsage()));
        Files.writeString(chain, Files.readString(crt, StandardCharsets.US_ASCII).strip() + "\n"
                + Files.readString(set.caCertificate(), StandardCharsets.US_ASCII).strip() + "\n",
                StandardCharsets.US_ASCII);
        keytool.run("install the signed certificate chain in " + ks, "-importcert", List.of("-noprompt",
                "-alias", leaf.alias(), "-file", chain.toString(), "-keystore", ks, "-storepass:file", pass));
    }

    private String newPassword() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to tighten.
        }
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
