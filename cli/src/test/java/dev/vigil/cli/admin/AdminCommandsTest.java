package dev.vigil.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.cli.Main;
import dev.vigil.cli.daemon.ipc.AccessPolicy;
import dev.vigil.cli.daemon.ipc.ControlException;
import dev.vigil.cli.daemon.ipc.ControlServer;
import dev.vigil.cli.daemon.ipc.Request;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vigil resource …} and {@code vigil node …} against a control socket with a stub daemon. */
class AdminCommandsTest {
    private final List<Request> received = new ArrayList<>();
    private Path dir;
    private ControlServer server;
    private String out;
    private String err;

    @BeforeEach
    void startStubDaemon() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "va");
        server = ControlServer.start(dir.resolve("s"), this::answer, AccessPolicy.standard());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dir.resolve("s"));
        Files.deleteIfExists(dir);
    }

    private synchronized CompletableFuture<JsonNode> answer(Request r) {
        received.add(r);
        String rsc = r.args().path("resource").asText("");
        if (rsc.equals("nosuch")) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.NOT_FOUND,
                    "no resource 'nosuch' in the configuration"));
        }
        if (r.args().path("lifetime").asText("").equals("soon")) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.BAD_REQUEST,
                    r.op() + ": 'soon' is not a lifetime"));
        }
        if (rsc.equals("busy")) {
            return CompletableFuture.failedFuture(new ControlException(ControlException.INVALID,
                    "'busy' is already running on 'node2'; nothing to move"));
        }
        return CompletableFuture.completedFuture(JsonNodeFactory.instance.objectNode().put("version", "0.9.0")
                .put("message", "did " + r.op()));
    }

    private int vigil(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--socket");
        all.add(dir.resolve("s").toString());
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** The last request, without the command line every change carries for the history. */
    private synchronized Request last() {
        Request r = received.get(received.size() - 1);
        com.fasterxml.jackson.databind.node.ObjectNode args = r.args().deepCopy();
        org.junit.jupiter.api.Assertions.assertTrue(args.path("command").asText().startsWith("vigil "),
                "the change names its command: " + args);
        args.remove("command");
        return new Request(r.op(), args, r.peer());
    }

    @Test
    void moveSendsResourceNodeAndLifetimeAndPrintsTheDaemonsMessage() {
        assertEquals(0, vigil("resource", "move", "web", "node2", "--lifetime", "PT10M"));
        assertEquals("did resource-move\nCIB updated to version 0.9.0\n", out);
        assertEquals("resource-move", last().op());
        assertEquals("{\"resource\":\"web\",\"node\":\"node2\",\"lifetime\":\"PT10M\"}", last().args().toString());
        assertEquals(0, vigil("resource", "migrate", "web"));
        assertEquals("{\"resource\":\"web\"}", last().args().toString(), "migrate is move; no node means away");
    }

    @Test
    void clearCleanupStartStopAndTheirAliases() {
        assertEquals(0, vigil("resource", "unmigrate", "web", "node1"));
        assertEquals("resource-clear", last().op());
        assertEquals("{\"resource\":\"web\",\"node\":\"node1\"}", last().args().toString());
        assertEquals(0, vigil("resource", "cleanup"));
        assertEquals("resource-cleanup", last().op());
        assertEquals("{}", last().args().toString(), "without a resource: every failed one");
        assertEquals(0, vigil("resource", "cleanup", "web", "--node", "node2"));
        assertEquals("{\"resource\":\"web\",\"node\":\"node2\"}", last().args().toString());
        assertEquals(0, vigil("resource", "stop", "web"));
        assertEquals("resource-stop", last().op());
        assertEquals(0, vigil("resource", "start", "web"));
        assertEquals("resource-start", last().op());
    }

    @Test
    void standbyAndOnlineDefaultToTheDaemonsNode() {
        assertEquals(0, vigil("node", "standby"));
        assertEquals("node-standby", last().op());
        assertEquals("{}", last().args().toString());
        assertEquals(0, vigil("node", "online", "node2"));
        assertEquals("node-online", last().op());
        assertEquals("{\"node\":\"node2\"}", last().args().toString());
    }

    @Test
    void refusalsAndUnknownNamesExit1WrongArgumentsExit2() {
        assertEquals(1, vigil("resource", "start", "nosuch"));
        assertEquals("vigil resource start: no resource 'nosuch' in the configuration\n", err);
        assertEquals("", out);
        assertEquals(1, vigil("resource", "move", "busy", "node2"));
        assertTrue(err.startsWith("vigil resource move: 'busy' is already running"), err);
        assertEquals(2, vigil("resource", "move", "web", "-u", "soon"));
        assertEquals(2, vigil("resource", "move"), "RSC is required");
        StringWriter e = new StringWriter();
        assertEquals(2, Main.run(new String[] {"resource"}, new PrintWriter(new StringWriter()),
                new PrintWriter(e, true)), "an action is required");
        assertTrue(e.toString().startsWith("vigil resource: name an action (list, status, locate, failcount, move"),
                e.toString());
    }

    @Test
    void anUnreachableDaemonExits4() throws Exception {
        server.close();
        assertEquals(4, vigil("node", "standby"));
        assertTrue(err.startsWith("vigil node standby: cannot reach vigild"), err);
    }
}
