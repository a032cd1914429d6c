package dev.vigil.quorumd;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.quorumd.client.QuorumClient;
import dev.vigil.quorumd.tls.CertificateSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil-quorumd} as a separate process ({@link Main}), killed with SIGKILL and restarted. */
class QuorumdProcessIT {
    private static final Duration HEARTBEAT = Duration.ofMillis(150);
    private static final Duration LEASE = Duration.ofMillis(600);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern LISTENING = Pattern.compile("listening on \\S*:(\\d+) ");

    @TempDir
    Path tmp;

    private final TestCertificates certs = TestCertificates.get();
    private final List<Process> processes = new ArrayList<>();
    private final List<QuorumClient> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        clients.forEach(QuorumClient::close);
        processes.forEach(Process::destroyForcibly);
    }

    private Process startServer(String listen, Path log) throws IOException {
        CertificateSet set = certs.main();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--listen", listen, "--heartbeat", HEARTBEAT.toMillis() + "ms", "--lease", LEASE.toMillis() + "ms",
                "--keystore", set.serverKeystore().toString(),
                "--keystore-password-file", set.serverPasswordFile().toString(),
                "--truststore", set.truststore().toString(),
                "--truststore-password-file", set.truststorePasswordFile().toString(),
                "--state-dir", tmp.resolve("state").toString(), "--client-cn", "node");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(p);
        return p;
    }

    private int awaitListening(Path log) {
        int[] port = new int[1];
        await().atMost(WAIT).until(() -> {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        return port[0];
    }

    private QuorumClient client(int port, String node, int id, VoteLog log, String... members) {
        QuorumClient c = QuorumClient.builder().server("127.0.0.1", port).cluster(TestCertificates.CLUSTER)
                .node(node).nodeId(id).sslContext(certs.nodeContext(node)).heartbeat(HEARTBEAT)
                .timeout(Duration.ofMillis(450)).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .listener(log).build();
        clients.add(c);
        c.start();
        c.report(Set.of(members));
        return c;
    }

    @Test
    void aKilledAndRestartedServerProcessNeverGrantsTwoPartitions() throws Exception {
        Path log1 = tmp.resolve("quorumd-1.log");
        Process first = startServer("127.0.0.1:0", log1);
        int port = awaitListening(log1);
        VoteLog logA = new VoteLog("a");
        QuorumClient a = client(port, "a", 1, logA, "a");
        await().atMost(WAIT).until(a::hasVote);

        first.destroyForcibly().waitFor();
        VoteLog logB = new VoteLog("b");
        VoteLog logC = new VoteLog("c");
        QuorumClient b = client(port, "b", 2, logB, "b", "c");
        QuorumClient c = client(port, "c", 3, logC, "b", "c");
        Path log2 = tmp.resolve("quorumd-2.log");
        startServer("127.0.0.1:" + port, log2);
        await().atMost(WAIT).until(() -> b.hasVote() && c.hasVote());
        await().atMost(WAIT).until(() -> a.status().holder().equals(List.of("b", "c")));
        assertFalse(a.hasVote());
        logA.assertNeverOverlaps(logB);
        logA.assertNeverOverlaps(logC);

        String first1 = Files.readString(log1);
        assertTrue(first1.contains("cluster 'c1': vote granted to partition {a}"), first1);
        String second = Files.readString(log2);
        assertTrue(second.contains("no vote is granted during the first 600 ms"), second);
        assertTrue(second.contains("cluster 'c1': vote granted to partition {b, c} (largest partition: 2 connected"
                + " nodes against 1)"), second);
        String state = Files.readString(tmp.resolve("state").resolve(StateFile.NAME));
        assertTrue(state.contains("\"c1\" : [ \"b\", \"c\" ]"), state);
        assertEquals(1, processes.stream().filter(Process::isAlive).count());
    }
}
