package dev.vigil.cli.daemon.ipc;

import static dev.vigil.cli.daemon.ipc.Fixtures.args;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ControlServerTest {
    private Path dir;
    private Path socket;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Fixtures.socketDir();
        socket = dir.resolve("vigil.sock");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        Fixtures.deleteTree(dir);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private ControlServer start(RequestHandler handler, ControlServerOptions options) throws IOException {
        return track(ControlServer.start(socket, handler, AccessPolicy.standard(), options));
    }

    private ControlServer start(RequestHandler handler) throws IOException {
        return start(handler, ControlServerOptions.defaults());
    }

    private ControlClient client() throws ControlException {
        return track(ControlClient.connect(socket));
    }

    private RawConnection raw() throws IOException {
        return track(RawConnection.open(socket));
    }

    @Test
    void answersSeveralRequestsOnOneConnectionInOrder() throws Exception {
        start(Fixtures::echo);
        ControlClient client = client();
        for (int i = 0; i < 5; i++) {
            assertEquals(args("n", "v" + i), client.call("echo", args("n", "v" + i)));
        }
        assertEquals(args("x", "y"), client.call("echo", args("x", "y")));
        assertTrue(client.call("echo").isObject(), "absent args reach the handler as an empty object");
    }

    @Test
    void answersPipelinedRequestsOneLineEach() throws Exception {
        start(Fixtures::echo);
        RawConnection raw = raw();
        raw.send("{\"op\":\"echo\",\"args\":{\"n\":1}}\n{\"op\":\"echo\",\"args\":{\"n\":2}}\r\n\n"
                + "{\"op\":\"echo\",\"args\":{\"n\":3}}\n");
        for (int n = 1; n <= 3; n++) {
            JsonNode answer = raw.readJson();
            assertTrue(answer.get("ok").booleanValue(), answer.toString());
            assertEquals(n, answer.get("result").get("n").intValue());
        }
    }

    @Test
    void servesConcurrentClients() throws Exception {
        CountDownLatch allConnected = new CountDownLatch(6);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        start(request -> {
            if (request.op().equals("wait")) {
                allConnected.countDown();
                return CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(allConnected);
                    return IntNode.valueOf(1);
                }, pool);
            }
            return Fixtures.echo(request);
        });
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                String name = "client" + c;
                results.add(pool.submit(() -> {
                    try (ControlClient client = ControlClient.connect(socket)) {
                        // Each blocks until all six are inside a request at the same time.
                        int total = client.call("wait").intValue();
                        for (int i = 0; i < 20; i++) {
                            assertEquals(name + i, client.call("echo", args("v", name + i)).get("v").textValue());
                            total++;
                        }
                        return total;
                    }
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(21, result.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handlerErrorKeepsItsCodeAndMessage() throws Exception {
        start(Fixtures::echo);
        ControlClient client = client();
        ControlException e = assertThrows(ControlException.class, () -> client.call("frobnicate"));
        assertEquals(ControlException.UNKNOWN_OP, e.code());
        assertEquals("unknown operation 'frobnicate'", e.getMessage());
        assertEquals(args("a", "b"), client.call("echo", args("a", "b")), "the connection stays usable");
    }

    @Test
    void handlerExceptionsAreInternal() throws Exception {
        start(request -> switch (request.op()) {
            case "fails" -> CompletableFuture.failedFuture(new IllegalStateException("disk on fire"));
            case "throws" -> throw new IllegalArgumentException("bad handler");
            case "null" -> null;
            default -> Fixtures.echo(request);
        });
        RawConnection raw = raw();
        assertError(raw.exchange("{\"op\":\"fails\"}"), ControlException.INTERNAL, "disk on fire");
        assertError(raw.exchange("{\"op\":\"throws\"}"), ControlException.INTERNAL, "bad handler");
        assertError(raw.exchange("{\"op\":\"null\"}"), ControlException.INTERNAL, "the handler returned no future");
        assertTrue(raw.exchange("{\"op\":\"echo\"}").get("ok").booleanValue());
    }

    @Test
    void slowHandlerTimesOutAndIsCancelled() throws Exception {
        CompletableFuture<JsonNode> never = new CompletableFuture<>();
        start(request -> request.op().equals("hang") ? never : Fixtures.echo(request),
                ControlServerOptions.defaults().withRequestTimeout(Duration.ofMillis(200)));
        ControlClient client = client();
        ControlException e = assertThrows(ControlException.class, () -> client.call("hang"));
        assertEquals(ControlException.TIMEOUT, e.code());
        assertEquals("operation 'hang' did not finish within 200 ms", e.getMessage());
        assertTrue(never.isCancelled(), "the server gives up on the handler's future");
        assertEquals(args("a", "b"), client.call("echo", args("a", "b")));
    }

    @Test
    void malformedRequestsAreAnsweredAndTheConnectionGoesOn() throws Exception {
        start(Fixtures::echo);
        RawConnection raw = raw();
        assertError(raw.exchange("{\"op\": \"echo\""), ControlException.BAD_REQUEST, "request is not valid JSON");
        assertError(raw.exchange("status"), ControlException.BAD_REQUEST, "request is not valid JSON");
        assertError(raw.exchange("{\"op\":\"echo\"} {}"), ControlException.BAD_REQUEST, "not valid JSON");
        assertError(raw.exchange("[\"status\"]"), ControlException.BAD_REQUEST,
                "request must be a JSON object such as {\"op\":\"status\"}, got an array");
        assertError(raw.exchange("{\"args\":{}}"), ControlException.BAD_REQUEST, "request has no \"op\"");
        assertError(raw.exchange("{\"op\":42}"), ControlException.BAD_REQUEST, "\"op\" must be a string, got a number");
        assertError(raw.exchange("{\"op\":\"\"}"), ControlException.BAD_REQUEST, "\"op\" must not be empty");
        assertError(raw.exchange("{\"op\":\"echo\",\"op\":\"x\"}"), ControlException.BAD_REQUEST, "Duplicate field");
        assertError(raw.exchange("{\"op\":\"echo\",\"args\":[1]}"), ControlException.BAD_REQUEST,
                "\"args\" must be a JSON object, got an array");
        JsonNode fine = raw.exchange("{\"op\":\"echo\",\"args\":{\"k\":\"v\"}}");
        assertEquals("{\"ok\":true,\"result\":{\"k\":\"v\"}}", fine.toString());
    }

    @Test
    void oversizedLineIsRefusedAndClosesOnlyThatConnection() throws Exception {
        start(Fixtures::echo);
        ControlClient bystander = client();
        RawConnection raw = raw();
        byte[] huge = new byte[WireFormat.MAX_REQUEST_BYTES + 100];
        Arrays.fill(huge, (byte) 'x');
        try {
            raw.send(huge);
        } catch (IOException expected) {
            // The server may close before it has read everything.
        }
        assertError(raw.readJson(), ControlException.BAD_REQUEST,
                "request line is longer than 4194304 bytes (4 MiB); closing the connection");
        assertTrue(raw.isClosedByServer());
        assertEquals(args("still", "here"), bystander.call("echo", args("still", "here")));
        assertEquals(args("new", "one"), client().call("echo", args("new", "one")));
    }

    @Test
    void largeRequestJustUnderTheLimitIsServed() throws Exception {
        start(Fixtures::echo);
        String value = "y".repeat(WireFormat.MAX_REQUEST_BYTES - 100);
        JsonNode result = client().call("echo", args("big", value));
        assertEquals(value.length(), result.get("big").textValue().length());
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        start(Fixtures::echo, ControlServerOptions.defaults().withIdleTimeout(Duration.ofMillis(200)));
        RawConnection raw = raw();
        raw.send("{\"op\":");
        assertTrue(raw.isClosedByServer(), "closed once idle, even mid-line (blocks until then; @Timeout guards)");
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedUntilOneFrees() throws Exception {
        start(Fixtures::echo, ControlServerOptions.defaults().withMaxConnections(1));
        ControlClient first = ControlClient.connect(socket);
        first.call("echo");
        ControlClient second = client();
        ControlException e = assertThrows(ControlException.class, () -> second.call("echo"));
        assertEquals(ControlException.UNAVAILABLE, e.code());
        assertEquals("vigild is already serving 1 control connections; try again shortly", e.getMessage());
        first.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (ControlClient third = ControlClient.connect(socket)) {
                assertEquals(args("a", "b"), third.call("echo", args("a", "b")));
            }
        });
    }

    @Test
    void requestNamesThePeerFromKernelCredentials() throws Exception {
        start(Fixtures::echo);
        JsonNode who = client().call("whoami");
        assertEquals(System.getProperty("user.name"), who.get("user").textValue());
        int fileOwner = (Integer) java.nio.file.Files.getAttribute(dir, "unix:uid");
        assertEquals(fileOwner, who.get("uid").intValue(), "uid of the test JVM (owner of files it creates)");
    }

    @Test
    void closeStopsTheThreadsAndIsIdempotent() throws Exception {
        ControlServer server = start(Fixtures::echo);
        RawConnection raw = raw();
        assertTrue(raw.exchange("{\"op\":\"echo\"}").get("ok").booleanValue());
        assertTrue(server.isOpen());
        server.close();
        server.close();
        assertFalse(server.isOpen());
        assertTrue(raw.isClosedByServer(), "open connections are closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("vigil-ipc-")));
    }

    private static void assertError(JsonNode answer, String code, String messageFragment) {
        assertFalse(answer.get("ok").booleanValue(), answer.toString());
        assertEquals(code, answer.get("code").textValue(), answer.toString());
        String error = answer.get("error").textValue();
        assertTrue(error.contains(messageFragment), "'" + messageFragment + "' in: " + error);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
