package dev.vigil.cib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHistoryTest {
    @TempDir
    Path dir;

    private static XmlElement cib(int epoch, String user, String client, int updates) throws Exception {
        return XmlParser.parse("<cib admin_epoch=\"0\" epoch=\"" + epoch + "\" num_updates=\"" + updates
                + "\" update-user=\"" + user + "\" update-client=\"" + client + "\" update-origin=\"node1\""
                + " cib-last-written=\"Sun Nov 22 00:00:0" + epoch + " 2026\"><configuration><crm_config/><nodes/>"
                + "<resources><primitive id=\"r" + epoch + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
                + "</resources><constraints/></configuration><status><node_state id=\"1\" uname=\"node1\"/></status>"
                + "</cib>", "test");
    }

    @Test
    void recordsEachConfigurationOnceWithWhoAndWhatAndWithoutStatus() throws Exception {
        ConfigHistory h = new ConfigHistory(dir.resolve("history"), 10);
        h.record(cib(3, "root", "vigil configure primitive r3 ...", 0));
        h.record(cib(3, "root", "vigil configure primitive r3 ...", 5)); // a status update: same configuration
        h.record(cib(4, "alice", "vigil configure edit", 0));
        List<ConfigHistory.Entry> entries = h.list();
        assertEquals(2, entries.size());
        assertEquals("0.3", entries.get(0).version());
        assertEquals("alice", entries.get(1).user());
        assertEquals("vigil configure edit", entries.get(1).client());
        assertEquals("node1", entries.get(1).origin());
        XmlElement old = h.load("3").orElseThrow();
        assertEquals("3", old.attr("epoch"));
        assertTrue(old.element("status") == null, "the status is not history");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("history").resolve("config-0.3.xml"))));
        assertFalse(h.load("0.9").isPresent());
    }

    @Test
    void keepsOnlyTheNewestAndSkipsDamagedCopies() throws Exception {
        ConfigHistory h = new ConfigHistory(dir, 3);
        for (int e = 1; e <= 5; e++) {
            h.record(cib(e, "root", "c" + e, 0));
        }
        assertEquals(List.of("0.3", "0.4", "0.5"), h.list().stream().map(ConfigHistory.Entry::version).toList());
        Files.writeString(dir.resolve("config-0.4.xml"), "<cib");
        assertEquals(List.of("0.3", "0.5"), h.list().stream().map(ConfigHistory.Entry::version).toList());
    }
}
