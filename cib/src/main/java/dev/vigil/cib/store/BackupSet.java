package dev.vigil.cib.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered backups of earlier CIB versions in the state directory, {@code cib-N.raw} with
 * {@code cib-N.raw.sig}, as Pacemaker keeps them. Numbers only grow: the next is one more than the
 * highest present (either file of a pair counts), so no counter file has to be kept consistent with
 * the backups across a crash. Used by one thread at a time (the store's).
 */
final class BackupSet {
    private static final Pattern NAME = Pattern.compile("cib-(\\d{1,9})\\.raw(\\.sig)?");

    private final DurableDirectory dir;

    BackupSet(DurableDirectory dir) {
        this.dir = dir;
    }

    static String rawName(int n) {
        return "cib-" + n + ".raw";
    }

    static String digestName(int n) {
        return rawName(n) + ".sig";
    }

    /** The backup numbers present, newest (highest) first. */
    List<Integer> newestFirst() throws IOException {
        TreeSet<Integer> numbers = new TreeSet<>(Comparator.reverseOrder());
        if (!Files.isDirectory(dir.path())) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path(), "cib-*.raw*")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return new ArrayList<>(numbers);
    }

    int next() throws IOException {
        List<Integer> numbers = newestFirst();
        return numbers.isEmpty() ? 1 : Math.addExact(numbers.get(0), 1);
    }

    /**
     * Keeps {@code cib.xml}'s current bytes as the next backup: the digest file first, then the CIB
     * (a hard link), each renamed into place, so a half-made backup is a digest without its file,
     * which loading skips. Not yet durable: the caller syncs the directory.
     *
     * @return the backup's number
     */
    int add(Path current, byte[] bytes, CibDigest digest) throws IOException {
        int n = next();
        dir.replace(digestName(n), digest.render().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dir.linkOrCopy(current, rawName(n), bytes);
        return n;
    }

    /** Deletes all but the newest {@code keep} backups (both files of each). */
    void prune(int keep) throws IOException {
        List<Integer> numbers = newestFirst();
        for (int i = keep; i < numbers.size(); i++) {
            Files.deleteIfExists(dir.resolve(rawName(numbers.get(i))));
            Files.deleteIfExists(dir.resolve(digestName(numbers.get(i))));
        }
    }
}
