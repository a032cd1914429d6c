package dev.vigil.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CibPatchTest {
    @TempDir
    Path dir;

    private static final String CIB = """
            <cib epoch="3" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.10"><configuration>
            <crm_config/><nodes/><resources>%s</resources><constraints/></configuration><status/></cib>
            """;

    private static String primitive(String id) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(rc), out.toString(), err.toString()};
    }

    @Test
    void aDiffInTheConfigurationLanguageAppliesBackToTheOldConfiguration() throws Exception {
        Path a = Files.writeString(dir.resolve("a.xml"), CIB.formatted(primitive("a") + primitive("b")));
        Path b = Files.writeString(dir.resolve("b.xml"), CIB.formatted(primitive("a") + primitive("c")));
        String[] same = run("cib", "diff", a.toString(), a.toString());
        assertEquals("0", same[0]);
        assertEquals("", same[1]);
        String[] diff = run("cib", "diff", a.toString(), b.toString());
        assertEquals("1", diff[0], diff[2]);
        assertTrue(diff[1].contains("-primitive b ocf:heartbeat:Dummy"), diff[1]);
        assertTrue(diff[1].contains("+primitive c ocf:heartbeat:Dummy"), diff[1]);

        List<String> old = new ArrayList<>(dev.vigil.cib.crmsh.CrmConfiguration.render(
                dev.vigil.cib.xml.XmlParser.parse(Files.readString(a), "a")).lines().toList());
        List<String> expected = dev.vigil.cib.crmsh.CrmConfiguration.render(
                dev.vigil.cib.xml.XmlParser.parse(Files.readString(b), "b")).lines().toList();
        assertEquals(expected, CibPatch.apply(old, diff[1].lines().toList()));

        List<String> other = new ArrayList<>(List.of("primitive x ocf:heartbeat:Dummy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CibPatch.apply(other, diff[1].lines().toList()));
        assertTrue(e.getMessage().contains("does not apply"), e.getMessage());
    }

    @Test
    void xpathSelectsPartsOfTheCibAndRefusesBadExpressions() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String xml = CIB.formatted(primitive("a") + primitive("b"));
        assertEquals(0, dev.vigil.cli.daemon.CibDiffAccess.xpath(xml, "//primitive[@id='b']/@type",
                new PrintWriter(out), new PrintWriter(err)));
        assertEquals("Dummy", out.toString().strip());
        assertEquals(2, dev.vigil.cli.daemon.CibDiffAccess.xpath(xml, "//primitive[", new PrintWriter(out),
                new PrintWriter(err)));
        assertTrue(err.toString().contains("invalid"), err.toString());
    }
}
