package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pair of real daemons on loopback with {@code vigil-quorumd} as a third process: each node asks it
 * for its vote over TLS with its client certificate; a node whose certificate another CA signed is
 * refused, and {@code vigil quorum status} says why.
 */
class QuorumServerIT {
    private static final List<String> PAIR = List.of("node1", "node2");

    private DaemonHarness h;
    private QuorumServerProcess server;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNodeWithACertificateFromAnotherCaIsRefusedAndQuorumStatusSaysWhy() throws Exception {
        h = DaemonHarness.loopback(PAIR, 1);
        Path certs = QuorumServerProcess.certificates(h.dir().resolve("certs"), "itest", PAIR, List.of("127.0.0.1"));
        Path rogue = QuorumServerProcess.certificates(h.dir().resolve("rogue"), "itest", PAIR,
                List.of("127.0.0.1"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new QuorumServerProcess(h.dir(), certs, List.of(), "127.0.0.1:" + port);
        server.start();
        String address = "127.0.0.1:" + port;
        h.extraConfig(n -> "node node1 node2\nquorum_server_wait 3\n" + (n.equals("node1")
                ? QuorumServerProcess.haCf(certs, "itest", n, address)
                // node2 trusts the right CA but shows a certificate from another one
                : QuorumServerProcess.haCf(rogue, "itest", n, address).replace(rogue.resolve("truststore").toString(),
                        certs.resolve("truststore").toString())));
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));

        await().atMost(Duration.ofSeconds(20)).until(() -> quorum("node1").path("server").path("vote").asBoolean());
        JsonNode q1 = quorum("node1");
        assertEquals(3, q1.get("votes").asInt(), q1.toString());
        assertEquals(3, q1.get("expected_votes").asInt());

        JsonNode q2 = quorum("node2");
        assertFalse(q2.path("server").path("connected").asBoolean(), q2.toString());
        assertTrue(q2.get("quorate").asBoolean(), "two of three votes without the server's: " + q2);
        String why = q2.path("server").path("reason").asText();
        assertTrue(why.startsWith("no connection to the quorum server"), why);
        DaemonHarness.Cli text = h.vigil("node2", "quorum", "status");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("NOT connected") && text.out().contains(why), text.out());
        assertTrue(server.log().contains("TLS handshake with /127.0.0.1"), server.log());
        assertTrue(h.vigil("node1", "status").out().contains("partition with quorum"));
    }

    private JsonNode quorum(String node) throws Exception {
        DaemonHarness.Cli r = h.vigil(node, "quorum", "status", "--output-as", "json");
        return new ObjectMapper().readTree(r.out().isBlank() ? "{}" : r.out());
    }
}
