package dev.vigil.cli.manpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPagesTest {
    @TempDir
    Path dir;

    @Test
    void writesOnePagePerCommandInSectionsOneAndEight() throws Exception {
        List<Path> pages = ManPages.write(dir, "9.9");
        assertTrue(pages.contains(dir.resolve("man1/vigil.1")), pages.toString());
        assertTrue(pages.contains(dir.resolve("man1/vigil-ra-exec.1")), pages.toString());
        assertTrue(pages.contains(dir.resolve("man8/vigild.8")), pages.toString());
        assertTrue(pages.contains(dir.resolve("man8/vigil-quorumd.8")), pages.toString());
        for (Path p : pages) {
            String text = Files.readString(p);
            assertTrue(text.contains("\n.TH \"") && text.contains("\n.SH NAME\n") && text.contains("\"Vigil 9.9\""),
                    p + ":\n" + text);
        }
    }

    @Test
    void aPageShowsSynopsisOptionsSubcommandsAndFooter() throws Exception {
        ManPages.write(dir, "9.9");
        String vigil = Files.readString(dir.resolve("man1/vigil.1"));
        assertTrue(vigil.contains(".SH SYNOPSIS\n.nf\nvigil [\\-hV] [COMMAND]\n.fi\n"), vigil);
        assertTrue(vigil.contains(".TP\n\\fBdemo\\fR\n"), vigil);
        assertTrue(vigil.contains("See \\fBvigil\\-demo\\fR(1)."), vigil);
        assertTrue(vigil.contains(".SH \"EXIT CODES\"\n.PP\n.nf\n  0   success\n"), vigil);
        String vigild = Files.readString(dir.resolve("man8/vigild.8"));
        assertTrue(vigild.contains(".nf\nvigild [\\-hV] [\\-\\-check] [\\-c=FILE]\n"), vigild);
        assertTrue(vigild.contains("\\fB\\-c\\fR, \\fB\\-\\-config\\fR=\\fIFILE\\fR\nThe ha.cf file (default "
                + "/etc/vigil/ha.cf).\n"), vigild);
    }

    @Test
    void escapesWhatTroffWouldInterpret() {
        assertEquals("\\&.not a request\n\\e\\-x", ManPage.escape(".not a request\n\\-x"));
        assertEquals("\\&'quoted", ManPage.escape("'quoted"));
    }
}
