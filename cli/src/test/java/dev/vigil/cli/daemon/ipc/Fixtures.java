package dev.vigil.cli.daemon.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Shared test helpers: short socket directories and a simple handler. */
final class Fixtures {
    private Fixtures() {
    }

    /** A fresh directory under /tmp, short enough for Unix socket paths (JUnit's @TempDir may not be). */
    static Path socketDir() throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "vs");
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Answers {@code echo} with its args, {@code whoami} with the peer, and anything else with
     * UNKNOWN_OP, as the daemon's handler will.
     */
    static CompletableFuture<JsonNode> echo(Request request) {
        switch (request.op()) {
            case "echo":
                return CompletableFuture.completedFuture(request.args());
            case "whoami":
                ObjectNode peer = JsonNodeFactory.instance.objectNode();
                peer.put("user", request.peer().user());
                peer.put("uid", request.peer().uid());
                return CompletableFuture.completedFuture(peer);
            default:
                return CompletableFuture.failedFuture(
                        new ControlException(ControlException.UNKNOWN_OP, "unknown operation '" + request.op() + "'"));
        }
    }

    static ObjectNode args(String key, String value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }
}
