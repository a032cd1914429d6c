package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CibVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link CibFileStore#load()} does with damaged, hand-edited and missing files. */
class CibFileStoreRecoveryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String ASIDE = "cib.xml.corrupt-20240102T100000Z";

    @TempDir
    Path dir;
    private CibFileStore store;

    /** cib.xml at epoch 3, backups cib-1.raw (epoch 1) and cib-2.raw (epoch 2). */
    @BeforeEach
    void writeThreeVersions() throws Exception {
        store = new CibFileStore(dir, 20, CLOCK);
        for (int epoch = 1; epoch <= 3; epoch++) {
            store.write(TestCibs.atEpoch(epoch));
        }
    }

    private LoadResult reload() throws Exception {
        return new CibFileStore(dir, 20, CLOCK).load();
    }

    private static String joined(LoadResult r) {
        return String.join("\n", r.warnings());
    }

    /** Replaces cib.xml with {@code text} and a digest file that matches it. */
    private void writeWithMatchingDigest(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("cib.xml"), bytes);
        Files.writeString(dir.resolve("cib.xml.sig"), "sha256 " + CibDigest.sha256Of(bytes) + "\n");
    }

    private void assertFellBackToEpoch2(LoadResult r, String reason) throws Exception {
        LoadedCib cib = r.cib().orElseThrow(() -> new AssertionError(joined(r)));
        assertEquals(new CibVersion(0, 2, 0), cib.version());
        assertEquals(dir.resolve("cib-2.raw"), cib.source());
        assertTrue(cib.isFromBackup());
        String first = r.warnings().get(0);
        assertTrue(first.startsWith(dir.resolve("cib.xml") + " was refused: "), first);
        assertTrue(first.contains(reason), first);
        assertTrue(first.contains("moved it to " + dir.resolve(ASIDE)), first);
        assertTrue(first.contains("use `vigil cib replace FILE` on a running cluster"), first);
        assertTrue(r.warnings().get(1).startsWith("using backup " + dir.resolve("cib-2.raw") + " (version 0.2.0)"),
                r.warnings().get(1));
        assertFalse(Files.exists(dir.resolve("cib.xml")));
        assertTrue(Files.exists(dir.resolve(ASIDE + ".sig")));
    }

    @Test
    void digestMismatchFallsBackToTheNewestGoodBackupAndKeepsTheFileAside() throws Exception {
        String edited = Files.readString(dir.resolve("cib.xml")).replace("value=\"test\"", "value=\"prod\"");
        Files.writeString(dir.resolve("cib.xml"), edited);

        LoadResult r = reload();

        assertFellBackToEpoch2(r, "digest mismatch (expected ");
        assertTrue(r.warnings().get(0).contains("for version 0.3.0, found "), r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("changed outside Vigil or damaged"), r.warnings().get(0));
        assertEquals(edited, Files.readString(dir.resolve(ASIDE)), "the refused file is kept as it was");
    }

    @Test
    void truncatedFileIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(dir.resolve("cib.xml"));
        Files.write(dir.resolve("cib.xml"), Arrays.copyOf(bytes, bytes.length / 2));
        assertFellBackToEpoch2(reload(), "digest mismatch");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Files.write(dir.resolve("cib.xml"), new byte[0]);
        assertFellBackToEpoch2(reload(), "digest mismatch");
    }

    @Test
    void missingDigestFileIsRefused() throws Exception {
        Files.delete(dir.resolve("cib.xml.sig"));
        LoadResult r = reload();
        assertEquals(new CibVersion(0, 2, 0), r.cib().orElseThrow().version());
        assertTrue(r.warnings().get(0).contains("has no digest file cib.xml.sig"), r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("vigil cib replace FILE"), r.warnings().get(0));
        assertTrue(Files.exists(dir.resolve(ASIDE)));
    }

    @Test
    void damagedDigestFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("cib.xml.sig"), "d41d8cd98f00b204e9800998ecf8427e\n");
        assertFellBackToEpoch2(reload(), "its digest file cib.xml.sig is damaged");
    }

    @Test
    void garbageWithAMatchingDigestIsRefusedAsNotXml() throws Exception {
        writeWithMatchingDigest("\u0000\u0001 this is not XML");
        assertFellBackToEpoch2(reload(), "is not well-formed XML");
    }

    @Test
    void truncatedXmlWithAMatchingDigestIsRefused() throws Exception {
        writeWithMatchingDigest("<cib epoch=\"9\"><configuration>");
        assertFellBackToEpoch2(reload(), "is not well-formed XML");
    }

    @Test
    void otherRootElementIsRefused() throws Exception {
        writeWithMatchingDigest("<configuration/>");
        assertFellBackToEpoch2(reload(), "its root element is <configuration>, expected <cib>");
    }

    @Test
    void cibWithoutConfigurationIsRefused() throws Exception {
        writeWithMatchingDigest("<cib epoch=\"9\"><status/></cib>");
        assertFellBackToEpoch2(reload(), "it has no <configuration> section");
    }

    @Test
    void malformedVersionIsRefused() throws Exception {
        writeWithMatchingDigest("<cib epoch=\"nine\"><configuration/></cib>");
        assertFellBackToEpoch2(reload(), "epoch=\"nine\"");
    }

    @Test
    void skipsDamagedBackupsForAnOlderGoodOne() throws Exception {
        Files.writeString(dir.resolve("cib.xml"), "junk");
        Files.writeString(dir.resolve("cib-2.raw"), "junk");
        LoadResult r = reload();
        assertEquals(new CibVersion(0, 1, 0), r.cib().orElseThrow().version());
        assertTrue(joined(r).contains("backup " + dir.resolve("cib-2.raw") + " was refused: digest mismatch"), joined(r));
        assertTrue(Files.exists(dir.resolve("cib-2.raw")), "backups are not moved");
    }

    @Test
    void missingCibXmlUsesTheNewestBackup() throws Exception {
        Files.delete(dir.resolve("cib.xml"));
        LoadResult r = reload();
        assertEquals(new CibVersion(0, 2, 0), r.cib().orElseThrow().version());
        assertTrue(r.warnings().get(0).contains("cib.xml is missing"), joined(r));
    }

    @Test
    void nothingGoodGivesNoCibAndSaysWhatWasRefused() throws Exception {
        for (String name : List.of("cib.xml", "cib-1.raw", "cib-2.raw")) {
            Files.writeString(dir.resolve(name), "junk");
        }
        LoadResult r = reload();
        assertTrue(r.cib().isEmpty());
        assertEquals(4, r.warnings().size(), joined(r));
        assertTrue(r.warnings().get(3).contains("no good copy of the CIB in " + dir
                + " (refused: cib.xml, cib-2.raw, cib-1.raw); this node has to take the CIB from a peer"), joined(r));
    }

    @Test
    void handEditedCibWithoutBackupsIsKeptAsideAndNoCibIsReturned() throws Exception {
        Path fresh = dir.resolve("fresh");
        Files.createDirectories(fresh);
        Files.writeString(fresh.resolve("cib.xml"), "<cib epoch=\"1\"><configuration/></cib>");
        LoadResult r = new CibFileStore(fresh, 20, CLOCK).load();
        assertTrue(r.cib().isEmpty());
        assertTrue(r.warnings().get(0).contains("has no digest file"), joined(r));
        assertTrue(r.warnings().get(0).contains("vigil cib replace FILE"), joined(r));
        assertTrue(Files.exists(fresh.resolve(ASIDE)));
    }

    @Test
    void secondRefusalInTheSameSecondGetsItsOwnName() throws Exception {
        Files.writeString(dir.resolve("cib.xml"), "junk 1");
        reload();
        store.write(TestCibs.atEpoch(4));
        Files.writeString(dir.resolve("cib.xml"), "junk 2");
        reload();
        assertEquals("junk 1", Files.readString(dir.resolve(ASIDE)));
        assertEquals("junk 2", Files.readString(dir.resolve(ASIDE + "-2")));
    }
}
