package dev.vigil.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an admin does with crmsh, done with {@code vigil} against a real two-node cluster: define
 * resources in the configuration language, preview and make a move, clear it, standby and back,
 * edit through $EDITOR (an invalid edit is refused and changes nothing), look at the history and
 * roll back, import a Heartbeat haresources file, and read the status as JSON.
 */
class AdminSessionIT {
    private static final List<String> PAIR = List.of("node1", "node2");
    private static final ObjectMapper JSON = new ObjectMapper();
    private DaemonHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private DaemonHarness.Cli ok(String node, String... args) {
        DaemonHarness.Cli r = h.vigil(node, args);
        assertEquals(0, r.exit(), "vigil " + String.join(" ", args) + ": " + r.err() + r.out());
        return r;
    }

    private String where(String rsc) {
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running("node1", rsc) ^ h.running("node2", rsc));
        return h.running("node1", rsc) ? "node1" : "node2";
    }

    private String version(String node) {
        return h.cibVersion(node);
    }

    @Test
    void anAdminSessionWithTheConfigurationLanguage() throws Exception {
        h = DaemonHarness.loopback(PAIR, 1);
        h.start("node1");
        h.start("node2");
        await().atMost(Duration.ofSeconds(40)).until(() -> h.formed(PAIR));

        // Define resources, one statement at a time, through either node.
        ok("node1", "configure", "property", "stonith-enabled=false");
        ok("node2", "configure", "primitive", "db", "ocf:heartbeat:Dummy", "op", "monitor", "interval=2s",
                "timeout=20s");
        ok("node1", "configure", "primitive", "web", "ocf:heartbeat:Dummy", "meta", "resource-stickiness=100");
        ok("node1", "configure", "group", "app", "db", "web");
        await().atMost(Duration.ofSeconds(30)).until(() -> (h.running("node1", "web") && h.running("node1", "db")
                && !h.running("node2", "web") && !h.running("node2", "db")) || (h.running("node2", "web")
                && h.running("node2", "db") && !h.running("node1", "web") && !h.running("node1", "db")));
        String active = where("web");
        String other = active.equals("node1") ? "node2" : "node1";
        String show = ok("node2", "configure", "show").out();
        assertTrue(show.contains("group app db web"), show);
        assertTrue(show.contains("primitive db ocf:heartbeat:Dummy"), show);

        // A mistake in a one-liner is refused with the place it is at.
        DaemonHarness.Cli bad = h.vigil("node1", "configure", "colocation", "c1", "app", "web");
        assertEquals(3, bad.exit(), bad.err());
        assertTrue(bad.err().contains("1:"), bad.err());

        // Preview a move: the summary, and nothing changes.
        String before = version("node1");
        DaemonHarness.Cli preview = ok("node1", "resource", "move", "app", other, "--dry-run");
        assertTrue(preview.out().contains("Dry run"), preview.out());
        assertTrue(preview.out().contains("Move") && preview.out().contains("web"), preview.out());
        assertEquals(before, version("node1"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> h.running(active, "web"));

        // The move itself names its constraint and how to clear it.
        DaemonHarness.Cli move = ok("node1", "resource", "move", "app", other);
        assertTrue(move.out().contains("cli-prefer-app") && move.out().contains("vigil resource clear app"),
                move.out());
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(other, "web") && h.running(other, "db"));
        ok("node2", "resource", "clear", "app");
        assertFalse(h.cib("node1").contains("cli-prefer-app"));

        // Standby and back: the group leaves the node, and stays away after (stickiness).
        ok("node1", "node", "standby", other);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(active, "web"));
        ok("node1", "node", "online", other);
        assertTrue(h.running(active, "web"));

        // Why the group is where it is.
        DaemonHarness.Cli explain = ok("node1", "explain", "web");
        assertTrue(explain.out().contains(active) && explain.out().toLowerCase().contains("stickiness"),
                explain.out());

        // Node attributes: set, read, delete.
        ok("node1", "node", "attribute", other, "rack", "r7");
        assertTrue(ok("node2", "node", "attribute", other, "rack").out().contains("value=r7"));
        ok("node1", "node", "attribute", other, "rack", "--delete");
        assertEquals(1, h.vigil("node2", "node", "attribute", other, "rack").exit());

        // Parameters and meta attributes, a restart.
        assertEquals("100", ok("node2", "resource", "meta", "web", "get", "resource-stickiness").out().strip());
        ok("node2", "resource", "param", "web", "set", "fake", "42");
        assertEquals("42", ok("node1", "resource", "param", "web", "get", "fake").out().strip());
        DaemonHarness.Cli unknown = h.vigil("node1", "resource", "param", "nope", "get", "x");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("nope"), unknown.err());
        await().atMost(Duration.ofSeconds(30)).until(() -> h.running(active, "web"));
        DaemonHarness.Cli restart = ok("node1", "resource", "restart", "app");
        assertTrue(restart.out().contains("app stopped; starting it again"), restart.out());
        String home = where("web"); // stopped everywhere, it starts where the scores say
        assertTrue(h.running(home, "db"));

        // Edit through $EDITOR: an invalid edit is refused and changes nothing; a good one is committed.
        Path broken = script("broken-editor.sh", "echo 'primitive broken' >> \"$1\"\n");
        String beforeEdit = version("node1");
        DaemonHarness.Cli refused = h.vigilProcess("node1", Map.of("EDITOR", broken.toString()), "configure", "edit");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("nothing was changed"), refused.err());
        assertEquals(beforeEdit, version("node1"));
        Path good = script("good-editor.sh", "echo 'property cluster-recheck-interval=7min' >> \"$1\"\n");
        DaemonHarness.Cli edited = h.vigilProcess("node2", Map.of("EDITOR", good.toString()), "configure", "edit");
        assertEquals(0, edited.exit(), edited.out() + edited.err());
        await().atMost(Duration.ofSeconds(10)).until(() -> h.cib("node1").contains("7min"));

        // The history names who did what; a rollback brings the configuration back as it was.
        JsonNode history = JSON.readTree(ok("node1", "history", "--json").out());
        JsonNode last = history.get(history.size() - 1);
        assertTrue(last.get("command").asText().contains("vigil configure edit"), last.toString());
        assertEquals("root".equals(System.getProperty("user.name")) ? "root" : System.getProperty("user.name"),
                last.get("user").asText());
        String beforeGoodEdit = history.get(history.size() - 2).get("version").asText();
        String text = ok("node1", "history").out();
        assertTrue(text.contains("vigil configure group app db web"), text);
        DaemonHarness.Cli rollbackPreview = ok("node1", "rollback", beforeGoodEdit, "--dry-run");
        assertTrue(rollbackPreview.out().contains("Dry run"), rollbackPreview.out());
        assertTrue(h.cib("node1").contains("7min"));
        ok("node1", "rollback", beforeGoodEdit);
        await().atMost(Duration.ofSeconds(10)).until(() -> !h.cib("node2").contains("7min"));
        assertTrue(h.running(home, "web"), "a rollback that does not touch the group leaves it running");

        // Import a Heartbeat haresources file; check it offline and preview loading it.
        Path haresources = Files.writeString(h.dir().resolve("haresources"),
                "node1 IPaddr::10.9.8.7/24/lo mysql\n");
        DaemonHarness.Cli imported = offline("import", "haresources", haresources.toString(), "-o",
                h.dir().resolve("imported.xml").toString());
        assertEquals(0, imported.exit(), imported.err());
        assertEquals(0, offline("verify", "-x", h.dir().resolve("imported.xml").toString()).exit());
        DaemonHarness.Cli load = ok("node1", "cib", "replace", h.dir().resolve("imported.xml").toString(),
                "--dry-run");
        assertTrue(load.out().contains("Stop") && load.out().contains("web"), "replacing stops what is gone: "
                + load.out());
        assertTrue(h.running(home, "web"));

        // Status as JSON, for scripts.
        JsonNode status = JSON.readTree(ok("node2", "status", "--output-as", "json").out());
        assertEquals(PAIR, List.of(status.get("members").get(0).asText(), status.get("members").get(1).asText()));
        assertEquals("node1", status.get("dc").asText());
    }

    private static DaemonHarness.Cli offline(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int rc = dev.vigil.cli.Main.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        return new DaemonHarness.Cli(rc, out.toString(), err.toString());
    }

    private Path script(String name, String body) throws Exception {
        Path p = h.dir().resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
