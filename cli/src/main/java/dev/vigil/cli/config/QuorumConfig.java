package dev.vigil.cli.config;

import dev.vigil.core.controller.QuorumSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The quorum directives of {@code ha.cf}. Immutable.
 *
 * @param serverHost             {@code quorum_server} host, or null when there is no quorum server
 * @param serverPort             its port (default {@value #DEFAULT_PORT})
 * @param keystore               {@code quorum_keystore}: this node's PKCS12 key and certificate
 * @param keystorePasswordFile   {@code quorum_keystore_password_file}
 * @param truststore             {@code quorum_truststore}: the CA that signed the server's certificate
 * @param truststorePasswordFile {@code quorum_truststore_password_file}, or null
 * @param serverWait             {@code quorum_server_wait} (default 10 s)
 * @param twoNode                {@code two_node} (default auto)
 * @param waitForAll             {@code wait_for_all}, or null for the default (on in two-node mode)
 * @param expectedVotes          {@code expected_votes}, or 0 to count them
 */
public record QuorumConfig(String serverHost, int serverPort, Path keystore, Path keystorePasswordFile,
        Path truststore, Path truststorePasswordFile, Duration serverWait, QuorumSettings.TwoNode twoNode,
        Boolean waitForAll, int expectedVotes) {

    /** The quorum server's port when {@code quorum_server} names none. */
    public static final int DEFAULT_PORT = 5403;
    /** {@code quorum_server_wait} when not given. */
    public static final Duration DEFAULT_SERVER_WAIT = Duration.ofSeconds(10);

    public QuorumConfig {
        Objects.requireNonNull(serverWait, "serverWait");
        Objects.requireNonNull(twoNode, "twoNode");
    }

    /** No quorum directives at all. */
    public static QuorumConfig defaults() {
        return new QuorumConfig(null, DEFAULT_PORT, null, null, null, null, DEFAULT_SERVER_WAIT,
                QuorumSettings.TwoNode.AUTO, null, 0);
    }

    public boolean hasServer() {
        return serverHost != null;
    }

    /** How the controller counts quorum. */
    public QuorumSettings settings() {
        return new QuorumSettings(twoNode, waitForAll, expectedVotes, serverWait);
    }
}
