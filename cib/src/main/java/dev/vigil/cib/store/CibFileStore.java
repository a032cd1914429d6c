package dev.vigil.cib.store;

import dev.vigil.cib.store.StoredCopy.Accepted;
import dev.vigil.cib.store.StoredCopy.Refused;
import dev.vigil.cib.store.StoredCopy.Verdict;
import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.CibVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's persistent copy of the CIB in one state directory (e.g. {@code /var/lib/vigil/cib}):
 * {@code cib.xml} with its digest file {@code cib.xml.sig}, and the previous versions as numbered
 * backups {@code cib-N.raw} + {@code cib-N.raw.sig}, the newest {@code maxBackups} of them kept.
 *
 * <p><b>Crash safety.</b> After a crash or power loss at any point, {@link #load()} returns the
 * version the last completed {@link #write} stored or the one an interrupted write was storing,
 * never a damaged one. A write makes these steps durable in this order (see {@link #write}):
 * new bytes to a temporary file; backup of the current version; a digest file naming the new
 * digest <em>and</em> the current one; directory sync; rename of the new {@code cib.xml} into
 * place (the commit point); directory sync. Every state in between has a {@code cib.xml} whose
 * bytes match one of the two digests in {@code cib.xml.sig}.
 *
 * <p><b>Bad input.</b> A {@code cib.xml} without a digest, with a mismatching digest, that is not
 * XML, has no {@code <cib>} root or cannot be read as a CIB is refused: it is moved aside to
 * {@code cib.xml.corrupt-TIMESTAMP} (never deleted or overwritten) and the newest good backup is
 * used. Hand-editing {@code cib.xml} is refused the same way, by design; the warning says to use
 * {@code vigil cib replace FILE} on a running cluster instead.
 *
 * <p><b>Threading.</b> Not thread-safe, by design: the daemon's CIB manager calls it from one thread.
 * One store per directory and one process per directory; nothing here locks the directory.
 */
public final class CibFileStore {
    public static final int DEFAULT_MAX_BACKUPS = 20;
    public static final String CIB_FILE = "cib.xml";
    public static final String DIGEST_FILE = "cib.xml.sig";
    private static final String HAND_EDIT_HINT = "Vigil refuses hand-edited CIB files; to load one,"
            + " use `vigil cib replace FILE` on a running cluster";

    private final DurableDirectory dir;
    private final BackupSet backups;
    private final int maxBackups;
    private final Clock clock;
    private final CrashPoint crashPoint;

    /** A store keeping {@value #DEFAULT_MAX_BACKUPS} backups. */
    public CibFileStore(Path directory) {
        this(directory, DEFAULT_MAX_BACKUPS, Clock.systemUTC());
    }

    /**
     * @param maxBackups how many backups of earlier versions to keep (0 keeps none once a write completes)
     * @param clock names the files that damaged copies are moved aside to
     */
    public CibFileStore(Path directory, int maxBackups, Clock clock) {
        this(directory, maxBackups, clock, CrashPoint.NONE);
    }

    CibFileStore(Path directory, int maxBackups, Clock clock, CrashPoint crashPoint) {
        if (maxBackups < 0) {
            throw new IllegalArgumentException("maxBackups is " + maxBackups + ", expected 0 or more");
        }
        this.dir = new DurableDirectory(Objects.requireNonNull(directory, "directory"));
        this.backups = new BackupSet(dir);
        this.maxBackups = maxBackups;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.crashPoint = Objects.requireNonNull(crashPoint, "crashPoint");
    }

    public Path directory() {
        return dir.path();
    }

    /**
     * Stores {@code cib} as the new {@code cib.xml}, durably: when this returns, the new version
     * survives a crash or power loss. The previous version becomes the newest backup.
     *
     * <p>Order of the steps, and why: (1) the new bytes go to a temporary file, forced; (2) the
     * current {@code cib.xml}, if its digest checks, is kept as backup {@code cib-N.raw}; (3)
     * {@code cib.xml.sig} is replaced by one naming the new digest and, as {@code previous-sha256},
     * the current one; (4) the directory is synced, so the backup and the digest file are on disk
     * before (5) the temporary file is renamed to {@code cib.xml}, the commit point; (6) the directory
     * is synced again; (7) old backups are pruned. Before (3) the old pair matches; between (3) and
     * (5) the old {@code cib.xml} matches the previous digest; after (5) the new one matches.
     *
     * @throws IllegalArgumentException if the root is not {@code <cib>} or its version is malformed
     * @throws IOException if the write could not be made durable; {@code cib.xml} then still holds the
     *     version before this call, or this one if only the final sync failed
     */
    public WriteResult write(XmlElement cib) throws IOException {
        CibVersion version = CibVersions.of(cib);
        byte[] bytes = XmlWriter.toXml(cib).getBytes(StandardCharsets.UTF_8);
        String sha256 = CibDigest.sha256Of(bytes);
        List<String> warnings = new ArrayList<>();
        dir.create();
        Path temp = dir.writeTemp(CIB_FILE, bytes);
        try {
            crashPoint.reached("temp-written");
            String current = backUpCurrent(warnings);
            crashPoint.reached("backed-up");
            CibDigest digest = new CibDigest(sha256, version.toString(), current);
            dir.replace(DIGEST_FILE, digest.render().getBytes(StandardCharsets.UTF_8));
            crashPoint.reached("digest-replaced");
            dir.sync();
            crashPoint.reached("directory-synced");
            dir.rename(temp, CIB_FILE);
            temp = null;
            crashPoint.reached("committed");
            dir.sync();
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            throw e;
        }
        crashPoint.reached("synced");
        backups.prune(maxBackups);
        return new WriteResult(version, sha256, warnings);
    }

    /**
     * Keeps the current {@code cib.xml} as a backup if its digest checks, and returns that digest;
     * moves it aside if it does not (changed while the daemon ran), so it is never overwritten.
     */
    private String backUpCurrent(List<String> warnings) throws IOException {
        Path current = dir.resolve(CIB_FILE);
        if (!Files.exists(current)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(current);
        String sha256 = CibDigest.sha256Of(bytes);
        CibDigest recorded = readDigest(dir.resolve(DIGEST_FILE));
        if (recorded != null && (sha256.equals(recorded.sha256()) || sha256.equals(recorded.previousSha256()))) {
            String version = sha256.equals(recorded.sha256()) ? recorded.version() : null;
            backups.add(current, bytes, new CibDigest(sha256, version, null));
            return sha256;
        }
        String problem = current + " does not match its digest file " + DIGEST_FILE
                + " (changed outside Vigil while it ran?)";
        Path aside;
        try {
            aside = new CorruptFiles(dir, clock).moveAside(CIB_FILE, DIGEST_FILE);
        } catch (IOException e) {
            throw new IOException(problem + " and cannot be moved aside (" + e + "); not overwriting it."
                    + " Move it away by hand, then the next write succeeds", e);
        }
        warnings.add(problem + "; moved it to " + aside + " instead of overwriting it. " + HAND_EDIT_HINT + ".");
        return null;
    }

    private static CibDigest readDigest(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return CibDigest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Finds the newest good copy of the CIB: {@code cib.xml} if it checks, else the newest backup that
     * does. A refused {@code cib.xml} is moved aside. Leftover temporary files of an interrupted
     * write are deleted. A directory that does not exist yet holds nothing and gives no warning.
     *
     * @throws IOException only if the directory cannot be listed; problems with single files are
     *     warnings, so a good copy is used whenever one exists
     */
    public LoadResult load() throws IOException {
        List<String> warnings = new ArrayList<>();
        if (!Files.isDirectory(dir.path())) {
            return new LoadResult(Optional.empty(), warnings);
        }
        deleteTemporaryFiles(warnings);
        List<String> refused = new ArrayList<>();
        Path main = dir.resolve(CIB_FILE);
        List<Integer> backupNumbers = backups.newestFirst();
        if (Files.exists(main)) {
            Verdict verdict = new StoredCopy(main, dir.resolve(DIGEST_FILE)).verify();
            if (verdict instanceof Accepted a) {
                if (a.isPreviousVersion()) {
                    warnings.add(main + " holds version " + a.cib().version() + ", the one before a write that"
                            + " was interrupted before it completed; using it (nothing acknowledged is lost)");
                }
                return new LoadResult(Optional.of(a.cib()), warnings);
            }
            Refused r = (Refused) verdict;
            String fate = r.isDamaged() ? new CorruptFiles(dir, clock).moveAsideAndSay(CIB_FILE, DIGEST_FILE)
                    : "left it in place";
            warnings.add(main + " was refused: " + r.reason() + "; " + fate + ". " + HAND_EDIT_HINT + ".");
            refused.add(CIB_FILE);
        } else if (!backupNumbers.isEmpty()) {
            warnings.add(main + " is missing although backups exist; looking for the newest good backup");
        }
        for (int n : backupNumbers) {
            Path raw = dir.resolve(BackupSet.rawName(n));
            Verdict verdict = new StoredCopy(raw, dir.resolve(BackupSet.digestName(n))).verify();
            if (verdict instanceof Accepted a) {
                warnings.add("using backup " + raw + " (version " + a.cib().version() + "), the newest good copy;"
                        + " the next write makes it " + CIB_FILE + " again");
                return new LoadResult(Optional.of(a.cib()), warnings);
            }
            warnings.add("backup " + raw + " was refused: " + ((Refused) verdict).reason() + "; skipping it");
            refused.add(BackupSet.rawName(n));
        }
        if (!refused.isEmpty()) {
            warnings.add("no good copy of the CIB in " + dir.path() + " (refused: " + String.join(", ", refused)
                    + "); this node has to take the CIB from a peer, or start a new cluster CIB");
        }
        return new LoadResult(Optional.empty(), warnings);
    }

    private void deleteTemporaryFiles(List<String> warnings) throws IOException {
        try (var entries = Files.newDirectoryStream(dir.path(), "cib*" + DurableDirectory.TEMP_SUFFIX)) {
            for (Path p : entries) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    warnings.add("cannot delete leftover temporary file " + p + " (" + e.getMessage()
                            + "); delete it by hand");
                }
            }
        }
    }
}
