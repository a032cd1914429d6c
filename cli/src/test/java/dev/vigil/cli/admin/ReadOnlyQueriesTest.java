package dev.vigil.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.cli.Main;
import dev.vigil.cli.daemon.ipc.AccessPolicy;
import dev.vigil.cli.daemon.ipc.ControlServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The read-only {@code vigil resource list|status|locate|failcount} and {@code vigil node list|attribute},
 * on a saved CIB (three nodes, node3 in standby) and once through a stub daemon; and {@code vigil completion}.
 */
class ReadOnlyQueriesTest {
    private String out;
    private String err;

    private Path cib() throws Exception {
        return Path.of(getClass().getResource("/inspect/three-nodes.xml").toURI());
    }

    private int offline(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-x");
        all.add(cib().toString());
        return vigil(all.toArray(String[]::new));
    }

    private int vigil(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void listShowsEveryResourceAsStatusDoes() throws Exception {
        assertEquals(0, offline("resource", "list"));
        assertTrue(out.startsWith("Full List of Resources:\n  * web\t(ocf:heartbeat:Dummy):\t FAILED node1\n"), out);
        assertTrue(out.contains("  * Resource Group: db:\n    * db-ip\t(ocf:heartbeat:Dummy):\t Started node2\n"), out);
        assertTrue(out.contains("  * Clone Set: ping-clone [ping]:\n    * Started: [ node1 node2 ]\n"), out);
        assertTrue(out.contains("  * spare\t(ocf:heartbeat:Dummy):\t Stopped\n"), out);
    }

    @Test
    void locatePrintsOneLinePerNodeLikeCrmResource() throws Exception {
        assertEquals(0, offline("resource", "locate", "web"));
        assertEquals("resource web is running on: node1 (FAILED)\n", out);
        assertEquals(0, offline("resource", "locate", "db"));
        assertEquals("resource db is running on: node2\n", out);
        assertEquals(0, offline("resource", "locate", "ping"));
        assertEquals("resource ping is running on: node1\nresource ping is running on: node2\n", out);
        assertEquals(0, offline("resource", "locate", "spare"));
        assertEquals("resource spare is NOT running\n", out);
    }

    @Test
    void statusShowsSettingsFailuresAndWhatComesNext() throws Exception {
        assertEquals(0, offline("resource", "status", "web"));
        assertEquals("""
                * web\t(ocf:heartbeat:Dummy):\t FAILED node1
                  * target-role: Started, managed: yes, resource-stickiness: 100, migration-threshold: 3
                  * fail count of web on node1: 1 (monitor_10000: 1)
                  * failed: web_monitor_10000 on node1 returned 7 (not running): state file gone
                  * next: Recover web (node1)
                """, out);
    }

    @Test
    void failcountPerNodeAndOnOneNode() throws Exception {
        assertEquals(0, offline("resource", "failcount", "web"));
        assertEquals("""
                Fail counts of web (migration-threshold=3):
                  * node1: 1 (monitor_10000: 1), last failure 2023-11-14T22:13:20Z
                  * node2: 0
                  * node3: 0
                """, out);
        assertEquals(0, offline("resource", "failcount", "web", "node2"));
        assertEquals("Fail counts of web (migration-threshold=3):\n  * node2: 0\n", out);
        assertEquals(1, offline("resource", "failcount", "web", "node9"));
        assertEquals("vigil resource failcount: unknown node 'node9' (known: node1, node2, node3); did you mean "
                + "'node1'?\n", err);
    }

    @Test
    void unknownResourcesExit1WithTheKnownOnesAndASuggestion() throws Exception {
        for (String action : List.of("status", "locate", "failcount")) {
            assertEquals(1, offline("resource", action, "dbdata"));
            assertEquals("vigil resource " + action + ": unknown resource 'dbdata' (known: web, web-ip, db, db-ip, "
                    + "db-data, ping-clone, ping, spare); did you mean 'db-data'?\n", err);
        }
    }

    @Test
    void nodeListAndAttributes() throws Exception {
        assertEquals(0, offline("node", "list"));
        assertEquals("""
                node1 (id 1): online, DC, 3 resource instances active
                node2 (id 2): online, 3 resource instances active
                node3 (id 3): standby, 0 resource instances active
                """, out);
        assertEquals(0, offline("node", "attribute", "node3"));
        assertTrue(out.startsWith("Attributes of node3:\n  permanent (configuration, kept across restarts):\n"
                + "    standby=on\n"), out);
        assertEquals(0, offline("node", "attribute", "node1", "fail-count-web#monitor_10000"));
        assertEquals("scope=status  name=fail-count-web#monitor_10000 value=1\n", out);
        assertEquals(0, offline("node", "attribute", "node2", "rack"));
        assertEquals("scope=nodes  name=rack value=r2\n", out);
        assertEquals(1, offline("node", "attribute", "node2", "rak"));
        assertEquals("vigil node attribute: node2 has no attribute 'rak' (it has: rack); did you mean 'rack'?\n", err);
        assertEquals(1, offline("node", "attribute", "nod2"));
        assertTrue(err.contains("unknown node 'nod2' (known: node1, node2, node3); did you mean 'node2'?"), err);
    }

    @Test
    void theDaemonIsAskedForItsStatusAndAnUnreachableOneExits4() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "vr");
        String xml = Files.readString(cib());
        try (ControlServer server = ControlServer.start(dir.resolve("s"), r -> CompletableFuture.completedFuture(
                JsonNodeFactory.instance.objectNode().put("node", "node2").put("dc", "node1").put("cib", xml)
                        .set("members", JsonNodeFactory.instance.arrayNode().add("node1").add("node2"))),
                AccessPolicy.standard())) {
            assertEquals(0, vigil("node", "list", "--socket", dir.resolve("s").toString()));
            assertTrue(out.contains("node3 (id 3): standby, not a member of this partition, 0 resource"), out);
            assertEquals(0, vigil("resource", "locate", "db", "--socket", dir.resolve("s").toString()));
            assertEquals("resource db is running on: node2\n", out);
        } finally {
            Files.deleteIfExists(dir.resolve("s"));
        }
        assertEquals(4, vigil("resource", "list", "--socket", dir.resolve("s").toString()));
        assertTrue(err.startsWith("vigil resource list: cannot reach vigild"), err);
        assertEquals(3, vigil("node", "list", "-x", dir.resolve("missing.xml").toString()));
        Files.delete(dir);
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommands() {
        assertEquals(0, vigil("completion", "bash"));
        assertTrue(out.startsWith("#!/usr/bin/env bash"), out.substring(0, 40));
        assertTrue(out.contains("function _complete_vigil()"), "the entry function");
        assertTrue(out.contains("explain") && out.contains("locate") && out.contains("--output-as"));
        assertEquals(0, vigil("completion", "zsh"));
        assertTrue(out.contains("bashcompinit"), "the script sets itself up in zsh");
        assertEquals(2, vigil("completion", "fish"));
        assertEquals("vigil completion: unknown shell 'fish' (expected bash or zsh)\n", err);
    }
}
