package dev.vigil.cli.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The distribution archive that {@code mvn package} made ({@code cli/target/vigil-VERSION.tar.gz}),
 * unpacked once per test JVM into {@code target/it-dist}. Thread-safe.
 */
public final class Distribution {
    private static Path root;

    private Distribution() {
    }

    /** The archive (the newest, should an older version's be left in target/); fails when there is none. */
    public static Path archive() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("vigil-.*\\.tar\\.gz"))
                    .max(Comparator.comparing(Distribution::modified))
                    .orElseThrow(() -> new AssertionError("no target/vigil-*.tar.gz: run mvn package first"))
                    .toAbsolutePath();
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The unpacked tree's top directory ({@code vigil-VERSION/}). */
    public static synchronized Path unpacked() throws IOException, InterruptedException {
        if (root != null) {
            return root;
        }
        Path archive = archive();
        Path dir = Path.of("target", "it-dist").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        Processes.Result r = Processes.run(dir, Map.of(), Duration.ofMinutes(1),
                List.of("tar", "xzf", archive.toString(), "-C", dir.toString()));
        if (r.exit() != 0) {
            throw new AssertionError(r.toString());
        }
        String name = archive.getFileName().toString();
        root = dir.resolve(name.substring(0, name.length() - ".tar.gz".length()));
        return root;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
