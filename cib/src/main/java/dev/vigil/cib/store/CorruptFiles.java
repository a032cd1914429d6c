package dev.vigil.cib.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Moves a refused CIB file and its digest file aside, to {@code cib.xml.corrupt-20240102T100000Z}
 * and {@code cib.xml.corrupt-20240102T100000Z.sig}, where the administrator can inspect them. Vigil
 * never deletes them. Used by one thread at a time (the store's).
 */
final class CorruptFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DurableDirectory dir;
    private final Clock clock;

    CorruptFiles(DurableDirectory dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * Moves {@code fileName} aside, then its digest file if there is one, and makes the renames durable.
     *
     * @return where the file went
     * @throws IOException if the file could not be moved (it is then still in place)
     */
    Path moveAside(String fileName, String digestName) throws IOException {
        String base = fileName + ".corrupt-" + STAMP.format(clock.instant());
        String target = base;
        for (int i = 2; Files.exists(dir.resolve(target)) || Files.exists(dir.resolve(target + ".sig")); i++) {
            target = base + "-" + i;
        }
        Files.move(dir.resolve(fileName), dir.resolve(target), StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(dir.resolve(digestName))) {
            Files.move(dir.resolve(digestName), dir.resolve(target + ".sig"), StandardCopyOption.ATOMIC_MOVE);
        }
        dir.sync();
        return dir.resolve(target);
    }

    /** As {@link #moveAside}, but says what happened, completing a sentence ("...; moved it to X"). */
    String moveAsideAndSay(String fileName, String digestName) {
        try {
            return "moved it to " + moveAside(fileName, digestName) + " for inspection (Vigil never deletes it)";
        } catch (IOException e) {
            return "could not move it aside (" + e + "), so it is still in place";
        }
    }
}
