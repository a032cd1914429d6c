package dev.vigil.quorumd;

import dev.vigil.quorumd.tls.CertificateIssuer;
import dev.vigil.quorumd.tls.CertificateSet;
import dev.vigil.quorumd.tls.Keytool;
import dev.vigil.quorumd.tls.TlsConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil-quorumd certs}: creates a CA, the server's keystore, one client keystore per node, a
 * truststore and their password files with the JDK's keytool.
 */
@Command(name = "certs", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Create the CA, server and node keystores with the JDK's keytool.",
        description = {
            "",
            "Files (EC P-256 keys, PKCS12; keys and passwords mode 0600):",
            "  DIR/ca.p12, ca.pass, ca.crt     the CA; reused when DIR has one, so",
            "                                  several clusters can share a server",
            "  DIR/truststore.p12, .pass       the CA certificate, for everyone",
            "  DIR/server.p12, server.pass     the server's key; its certificate names",
            "                                  --server-name, localhost and 127.0.0.1",
            "  DIR/clusters/CLUSTER/NODE.p12, NODE.pass",
            "                                  one key per node (CN = node name)",
            "Keep ca.p12 away from the nodes.",
            ""})
public final class CertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "Directory for the files (created 0700 if missing).")
    Path dir;

    @Option(names = "--cluster", paramLabel = "NAME", required = true,
            description = "Cluster name, as the nodes announce it to the server.")
    String cluster;

    @Option(names = "--nodes", paramLabel = "NODE", required = true, split = ",",
            description = "Node names, comma-separated (e.g. node1,node2); one client keystore each.")
    List<String> nodes;

    @Option(names = "--server-name", paramLabel = "HOST", split = ",",
            description = "Host names or IPv4 addresses by which nodes reach the server, comma-separated or"
                    + " repeated (default: this machine's host name). localhost and 127.0.0.1 are always added.")
    List<String> serverNames = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
            description = "Validity of the certificates in days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--force",
            description = "Replace the server keystore and this cluster's node keystores if they exist (never the"
                    + " CA; delete DIR to start over).")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = serverNames.isEmpty() ? List.of(localHostName()) : serverNames;
        CertificateIssuer.Request request;
        try {
            request = new CertificateIssuer.Request(dir, cluster, nodes, names, days, force);
        } catch (IllegalArgumentException e) {
            err.println("vigil-quorumd certs: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<String> notes;
        try {
            notes = new CertificateIssuer(Keytool.locate()).issue(request);
        } catch (FileAlreadyExistsException e) {
            err.println("vigil-quorumd certs: " + e.getFile() + ": " + e.getReason());
            return ExitCodes.BAD_INPUT;
        } catch (TlsConfigException e) {
            err.println("vigil-quorumd certs: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (IOException e) {
            err.println("vigil-quorumd certs: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        notes.forEach(out::println);
        CertificateSet set = new CertificateSet(dir);
        out.println();
        out.println("Server:");
        out.println("  vigil-quorumd --keystore " + set.serverKeystore() + " --keystore-password-file "
                + set.serverPasswordFile() + " \\");
        out.println("      --truststore " + set.truststore() + " --truststore-password-file "
                + set.truststorePasswordFile());
        out.println("Each node NODE of cluster '" + cluster + "': copy " + set.clusterDir(cluster)
                + "/NODE.p12 and NODE.pass, plus " + set.truststore().getFileName() + " and "
                + set.truststorePasswordFile().getFileName() + ", keeping mode 0600.");
        return ExitCodes.OK;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
