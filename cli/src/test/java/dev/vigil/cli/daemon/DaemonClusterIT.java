package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cli.Main;
import dev.vigil.cli.daemon.ipc.ControlClient;
import dev.vigil.cli.daemon.ipc.ControlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real daemons as separate processes on loopback, each with its own ports, state directory and
 * control socket, running the real {@code ocf:heartbeat:Dummy} agent.
 */
class DaemonClusterIT {
    private static final String CONFIG = """
            <configuration>
              <crm_config><cluster_property_set id="cib-bootstrap-options">
                <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
              </cluster_property_set></crm_config>
              <resources>
                <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">
                  <meta_attributes id="web-meta"><nvpair id="web-stick" name="resource-stickiness" value="100"/>
                  </meta_attributes>
                  <operations><op id="web-mon" name="monitor" interval="2s" timeout="20s"/></operations>
                </primitive>
              </resources>
            </configuration>
            """;

    private final Path dir = createDir();
    private final Map<String, Process> processes = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    private static Path createDir() {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "vit");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes.values()) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path authkeys(String name, String secret) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "auth 1\n1 sha256 " + secret + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private void start(String node, List<String> peers, Path keys) throws IOException {
        Path home = Files.createDirectories(dir.resolve(node));
        Files.createDirectories(home.resolve("rsc"));
        StringBuilder peerList = new StringBuilder();
        for (String p : peers) {
            peerList.append(peerList.length() == 0 ? "" : ",").append("127.0.0.1:").append(ports.get(p));
        }
        Path haCf = home.resolve("ha.cf");
        Files.writeString(haCf, """
                nodename %s
                cluster itest
                keepalive 300ms
                warntime 1
                deadtime 2
                initdead 4
                authkeys %s
                state_dir %s
                control_socket %s
                link ring0 bind=127.0.0.1:%d peers=%s
                """.formatted(node, keys, home.resolve("state"), socket(node), ports.get(node), peerList));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Dvigil.agents=" + Path.of("../resource-agents/src/main/agents").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.vigil.cli.Main", "daemon", "-c", haCf.toString());
        pb.environment().put("HA_RSCTMP", home.resolve("rsc").toString());
        pb.redirectErrorStream(true).redirectOutput(home.resolve("daemon.log").toFile());
        processes.put(node, pb.start());
    }

    private Path socket(String node) {
        return dir.resolve(node).resolve("vigil.sock");
    }

    private JsonNode status(String node) {
        try (ControlClient c = ControlClient.connect(socket(node), Duration.ofSeconds(10))) {
            return c.call("status");
        } catch (ControlException e) {
            return null;
        }
    }

    private List<String> members(String node) {
        JsonNode s = status(node);
        List<String> out = new ArrayList<>();
        if (s != null) {
            s.get("members").forEach(m -> out.add(m.asText()));
        }
        return out;
    }

    private boolean running(String node) {
        return Files.exists(dir.resolve(node).resolve("rsc").resolve("Dummy-web.state"));
    }

    private static int vigil(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void aTwoNodePairFormsFailsOverAndKeepsTheResourceWhereItIsAfterRejoin() throws Exception {
        for (String n : List.of("node1", "node2")) {
            ports.put(n, freePort());
        }
        Path keys = authkeys("authkeys", "it-secret-" + System.nanoTime());
        start("node1", List.of("node1", "node2"), keys);
        start("node2", List.of("node1", "node2"), keys);
        await().atMost(Duration.ofSeconds(40)).until(() -> members("node1").size() == 2
                && members("node2").size() == 2);
        JsonNode s1 = status("node1");
        JsonNode s2 = status("node2");
        assertEquals("node1", s1.get("dc").asText());
        assertEquals("node1", s2.get("dc").asText());

        Path cfg = dir.resolve("cfg.xml");
        Files.writeString(cfg, CONFIG);
        assertEquals(0, vigil("cib", "modify", cfg.toString(), "--socket", socket("node2").toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> running("node1") ^ running("node2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("node1").get("cib_version").asText()
                .equals(status("node2").get("cib_version").asText()));
        String active = running("node1") ? "node1" : "node2";
        String survivor = active.equals("node1") ? "node2" : "node1";

        processes.remove(active).destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(30)).until(() -> running(survivor));
        assertEquals(List.of(survivor), members(survivor));

        // The killed node comes back after a "reboot" (its runtime directory is empty again).
        Files.deleteIfExists(dir.resolve(active).resolve("rsc").resolve("Dummy-web.state"));
        start(active, List.of("node1", "node2"), keys);
        await().atMost(Duration.ofSeconds(40)).until(() -> members(active).size() == 2
                && members(survivor).size() == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("node1").get("cib_version").asText()
                .equals(status("node2").get("cib_version").asText()));
        assertTrue(running(survivor), "stickiness keeps the resource on " + survivor);
        assertTrue(!running(active), "and it does not start twice");
        assertTrue(status(active).get("cib").asText().contains("id=\"web\""));
    }

    @Test
    void aDaemonWithAnotherKeyCannotJoin() throws Exception {
        for (String n : List.of("node1", "node2", "intruder")) {
            ports.put(n, freePort());
        }
        Path keys = authkeys("authkeys", "good-secret-" + System.nanoTime());
        Path other = authkeys("other", "other-secret-" + System.nanoTime());
        List<String> all = List.of("node1", "node2", "intruder");
        start("node1", all, keys);
        start("node2", all, keys);
        start("intruder", all, other);
        await().atMost(Duration.ofSeconds(40)).until(() -> members("node1").size() == 2
                && members("intruder").size() == 1);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> members("node1").equals(List.of("node1", "node2"))
                        && members("intruder").equals(List.of("intruder")));
    }
}
