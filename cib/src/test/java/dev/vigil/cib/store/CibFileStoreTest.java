package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import dev.vigil.cib.xml.XmlWriter;
import dev.vigil.core.model.CibVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CibFileStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("state/cib");
    }

    private CibFileStore store(int maxBackups) {
        return new CibFileStore(dir(), maxBackups, CLOCK);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void loadsWhatWasWritten() throws Exception {
        XmlElement cib = TestCibs.atEpoch(7);
        WriteResult written = store(20).write(cib);

        LoadResult result = new CibFileStore(dir()).load();

        LoadedCib loaded = result.cib().orElseThrow();
        assertEquals(List.of(), result.warnings());
        assertEquals(XmlWriter.toXml(cib), XmlWriter.toXml(loaded.root()));
        assertEquals(new CibVersion(0, 7, 0), loaded.version());
        assertEquals(dir().resolve("cib.xml"), loaded.source());
        assertFalse(loaded.isFromBackup());
        assertEquals(written.sha256(), loaded.sha256());
        assertEquals(new CibVersion(0, 7, 0), written.version());
    }

    @Test
    void digestFileNamesTheDigestOfTheExactBytesAndTheVersion() throws Exception {
        store(20).write(TestCibs.atEpoch(1));
        store(20).write(TestCibs.atEpoch(2));
        byte[] bytes = Files.readAllBytes(dir().resolve("cib.xml"));
        byte[] previous = Files.readAllBytes(dir().resolve("cib-1.raw"));
        assertEquals("sha256 " + CibDigest.sha256Of(bytes) + "\nversion 0.2.0\nprevious-sha256 "
                + CibDigest.sha256Of(previous) + "\n", Files.readString(dir().resolve("cib.xml.sig")));
        assertEquals("sha256 " + CibDigest.sha256Of(previous) + "\nversion 0.1.0\n",
                Files.readString(dir().resolve("cib-1.raw.sig")));
    }

    @Test
    void keepsEachPreviousVersionAsANumberedBackup() throws Exception {
        CibFileStore store = store(20);
        for (int epoch = 1; epoch <= 3; epoch++) {
            store.write(TestCibs.atEpoch(epoch));
        }
        assertEquals(List.of("cib-1.raw", "cib-1.raw.sig", "cib-2.raw", "cib-2.raw.sig", "cib.xml", "cib.xml.sig"),
                files());
        assertEquals(XmlWriter.toXml(TestCibs.atEpoch(1)), Files.readString(dir().resolve("cib-1.raw")));
        assertEquals(XmlWriter.toXml(TestCibs.atEpoch(2)), Files.readString(dir().resolve("cib-2.raw")));
    }

    @Test
    void prunesBackupsToTheNewestMaxBackups() throws Exception {
        CibFileStore store = store(3);
        for (int epoch = 1; epoch <= 10; epoch++) {
            store.write(TestCibs.atEpoch(epoch));
        }
        assertEquals(List.of("cib-7.raw", "cib-7.raw.sig", "cib-8.raw", "cib-8.raw.sig", "cib-9.raw",
                "cib-9.raw.sig", "cib.xml", "cib.xml.sig"), files());
        assertEquals(XmlWriter.toXml(TestCibs.atEpoch(9)), Files.readString(dir().resolve("cib-9.raw")));
    }

    @Test
    void keepsNoBackupsWhenMaxBackupsIsZero() throws Exception {
        CibFileStore store = store(0);
        store.write(TestCibs.atEpoch(1));
        store.write(TestCibs.atEpoch(2));
        assertEquals(List.of("cib.xml", "cib.xml.sig"), files());
        assertEquals(new CibVersion(0, 2, 0), store.load().cib().orElseThrow().version());
    }

    @Test
    void createsFilesWithMode0600AndTheDirectoryWith0750() throws Exception {
        CibFileStore store = store(20);
        store.write(TestCibs.atEpoch(1));
        store.write(TestCibs.atEpoch(2));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
        for (String name : files()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve(name))),
                    name);
        }
    }

    @Test
    void leavesTheModeOfAnExistingDirectoryAlone() throws Exception {
        Files.createDirectories(dir());
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwx------"));
        store(20).write(TestCibs.atEpoch(1));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
    }

    @Test
    void missingDirectoryHoldsNothingAndWarnsAboutNothing() throws Exception {
        LoadResult result = store(20).load();
        assertTrue(result.cib().isEmpty());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void deletesTemporaryFilesLeftByAnInterruptedWrite() throws Exception {
        store(20).write(TestCibs.atEpoch(1));
        Files.writeString(dir().resolve("cib.xml.123.tmp"), "<cib");
        Files.writeString(dir().resolve("cib-4.raw.link.tmp"), "x");
        assertEquals(new CibVersion(0, 1, 0), store(20).load().cib().orElseThrow().version());
        assertEquals(List.of("cib.xml", "cib.xml.sig"), files());
    }

    @Test
    void refusesToWriteADocumentThatIsNotACib() throws Exception {
        XmlElement notCib = XmlParser.parse("<configuration/>", "test");
        assertThrows(IllegalArgumentException.class, () -> store(20).write(notCib));
        assertFalse(Files.exists(dir().resolve("cib.xml")));
    }

    @Test
    void movesAsideACibXmlChangedWhileRunningInsteadOfOverwritingIt() throws Exception {
        CibFileStore store = store(20);
        store.write(TestCibs.atEpoch(1));
        Files.writeString(dir().resolve("cib.xml"), "edited by hand", StandardCharsets.UTF_8);

        WriteResult result = store.write(TestCibs.atEpoch(2));

        assertEquals(1, result.warnings().size(), result.warnings().toString());
        String warning = result.warnings().get(0);
        assertTrue(warning.contains(dir().resolve("cib.xml") + " does not match its digest file"), warning);
        assertTrue(warning.contains("cib.xml.corrupt-20240102T100000Z"), warning);
        assertTrue(warning.contains("vigil cib replace FILE"), warning);
        assertEquals("edited by hand", Files.readString(dir().resolve("cib.xml.corrupt-20240102T100000Z")));
        assertEquals(new CibVersion(0, 2, 0), store.load().cib().orElseThrow().version());
        assertFalse(Files.exists(dir().resolve("cib-1.raw")), "the changed file is not kept as a backup");
    }
}
