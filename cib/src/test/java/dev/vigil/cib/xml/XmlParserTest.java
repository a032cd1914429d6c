package dev.vigil.cib.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlParserTest {
    @Test
    void refusesDoctypeWithExternalEntity() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE cib [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <cib><configuration><crm_config>&xxe;</crm_config></configuration></cib>
                """;
        XmlParseException e = assertThrows(XmlParseException.class, () -> XmlParser.parse(xml, "evil.xml"));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
        assertTrue(e.getMessage().startsWith("evil.xml:"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), "file contents must not leak: " + e.getMessage());
    }

    @Test
    void refusesDoctypeInStreamToo() {
        byte[] xml = "<!DOCTYPE cib SYSTEM \"http://example.invalid/cib.dtd\">\n<cib/>".getBytes(StandardCharsets.UTF_8);
        XmlParseException e = assertThrows(XmlParseException.class,
                () -> XmlParser.parse(new ByteArrayInputStream(xml), "stream.xml"));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
    }

    @Test
    void truncatedFileNamesSourceAndLine() {
        String xml = """
                <cib epoch="1">
                  <configuration>
                    <resources>
                      <primitive id="db" class="ocf" provider="heartbeat" ty""";
        XmlParseException e = assertThrows(XmlParseException.class, () -> XmlParser.parse(xml, "cut.xml"));
        assertTrue(e.getMessage().startsWith("cut.xml:4:"), e.getMessage());
        assertEquals(4, e.line());
    }

    @Test
    void unclosedElementsAtEndOfFileAreRefused() {
        String xml = """
                <cib epoch="1">
                  <configuration>
                    <resources/>
                """;
        XmlParseException e = assertThrows(XmlParseException.class, () -> XmlParser.parse(xml, "short.xml"));
        assertTrue(e.getMessage().matches("short\\.xml:\\d+: .*"), e.getMessage());
        assertTrue(e.line() > 0, "line should be known");
    }

    @Test
    void emptyFileIsRefused(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.xml");
        Files.writeString(empty, "");
        XmlParseException e = assertThrows(XmlParseException.class, () -> XmlParser.parse(empty));
        assertTrue(e.getMessage().contains("empty.xml"), e.getMessage());
        assertThrows(XmlParseException.class, () -> XmlParser.parse("   \n", "blank.xml"));
    }

    @Test
    void elementsKnowTheirLines() throws Exception {
        XmlElement root = XmlParser.parse("""
                <cib>
                  <configuration>

                    <resources/>
                  </configuration>
                </cib>
                """, "lines.xml");
        assertEquals(1, root.line());
        assertEquals(4, root.element("configuration").element("resources").line());
    }
}
