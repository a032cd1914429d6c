package dev.vigil.quorumd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.quorumd.vote.Partition;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file {@code quorumd-state.json} in the state directory. Written atomically (temporary file,
 * fsync, rename, fsync of the directory), so a crash leaves the old or the new content. Stateless
 * apart from its path; callers serialize writes (the server uses one writer thread).
 */
public final class StateFile {
    /** The file's name inside the state directory. */
    public static final String NAME = "quorumd-state.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path dir;
    private final Path file;

    public StateFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /**
     * Reads the state; a missing file (or directory) is an empty state.
     *
     * @throws StateFileException the directory cannot be created or the file cannot be read or parsed;
     *                            the message says what to do
     */
    public ServerState load() throws StateFileException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new StateFileException("state directory " + dir + " is not a directory; give --state-dir a"
                        + " directory", null);
            }
            try {
                createPrivateDirectory();
            } catch (IOException e) {
                throw new StateFileException("cannot create state directory " + dir + ": " + e
                        + "; create it (mode 0700) or choose another --state-dir", e);
            }
        }
        if (!Files.exists(file)) {
            return ServerState.empty();
        }
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new StateFileException("state file " + file + " is damaged (" + e.getMessage() + "). It only remembers"
                    + " which partition held each cluster's vote and the last lease; move it away to start without"
                    + " that memory, after waiting one lease of the previous run", e);
        }
    }

    private void createPrivateDirectory() throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** Replaces the file with {@code state}. */
    public void save(ServerState state) throws StateFileException {
        try {
            write(state);
        } catch (IOException e) {
            throw new StateFileException("cannot write state file " + file + ": " + e
                    + "; check the state directory's owner, mode and free space", e);
        }
    }

    private void write(ServerState state) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("holdLeaseMillis", state.holdLease().toMillis());
        ObjectNode clusters = root.putObject("lineage");
        new TreeMap<>(state.lineage()).forEach((cluster, p) -> {
            ArrayNode members = clusters.putArray(cluster);
            p.members().forEach(members::add);
        });
        Path tmp = dir.resolve(NAME + ".tmp");
        byte[] bytes = JSON.writeValueAsBytes(root);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename is still atomic.
        }
    }

    private static ServerState parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("unknown format " + root.path("format") + ", expected " + FORMAT);
        }
        JsonNode hold = root.path("holdLeaseMillis");
        if (!hold.canConvertToLong() || hold.asLong() < 0) {
            throw new IllegalArgumentException("holdLeaseMillis must be a number of milliseconds, got " + hold);
        }
        Map<String, Partition> lineage = new TreeMap<>();
        JsonNode clusters = root.path("lineage");
        if (!clusters.isObject()) {
            throw new IllegalArgumentException("lineage must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = clusters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("lineage of cluster '" + e.getKey() + "' must be an array of names");
            }
            List<String> members = new ArrayList<>();
            e.getValue().forEach(n -> members.add(n.asText()));
            lineage.put(e.getKey(), Partition.of(members));
        }
        return new ServerState(Duration.ofMillis(hold.asLong()), lineage);
    }
}
