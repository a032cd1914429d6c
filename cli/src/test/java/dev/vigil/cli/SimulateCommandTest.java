package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil simulate} and {@code vigil verify} as a user runs them on good and bad files. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static final String GOOD = """
            <cib admin_epoch="0" epoch="1" num_updates="0" have-quorum="true">
              <configuration>
                <crm_config>
                  <cluster_property_set id="opts">
                    <nvpair id="opts-fencing" name="fencing-enabled" value="false"/>
                  </cluster_property_set>
                </crm_config>
                <nodes>
                  <node id="1" uname="node1"/>
                  <node id="2" uname="node2"/>
                </nodes>
                <resources>
                  <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"/>
                  <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
                </resources>
                <constraints>
                  <rsc_location id="ip-prefers-node2" rsc="ip" node="node2" score="100"/>
                  <rsc_colocation id="web-with-ip" rsc="web" with-rsc="ip" score="INFINITY"/>
                  <rsc_order id="ip-then-web" first="ip" then="web"/>
                  %s
                </constraints>
              </configuration>
              <status>
                <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
                <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
              </status>
            </cib>
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void simulatePlacesColocatedResourcesTogetherOnThePreferredNode() throws IOException {
        Path cib = write("cib.xml", GOOD.formatted(""));
        Run r = vigil("simulate", "-S", "-x", cib.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Transition Summary:"));
        assertTrue(r.out().contains("* Start      ip    ( node2 )"), r.out());
        assertTrue(r.out().contains("* Start      web   ( node2 )"), r.out());
        assertTrue(r.out().contains("Revised Cluster Status:"));
        assertTrue(r.out().indexOf("ip\t(ocf:heartbeat:IPaddr2):\t Started node2") > r.out().indexOf("Revised"));
    }

    @Test
    void simulateWritesJsonTransition() throws IOException {
        Path cib = write("cib.xml", GOOD.formatted(""));
        Run r = vigil("simulate", "--output-as", "json", "-x", cib.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"summary\""), r.out());
        assertTrue(r.out().contains("\"change\" : \"Start\""), r.out());
    }

    @Test
    void truncatedFileIsRefusedWithItsLineAndNothingIsWritten() throws IOException {
        String good = GOOD.formatted("");
        Path cib = write("cib.xml", good.substring(0, good.indexOf("<resources>") + 30));
        List<Path> before = listing();
        Run r = vigil("simulate", "-S", "-x", cib.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cib.xml:") && r.err().contains("malformed XML"), r.err());
        assertEquals("", r.out());
        assertEquals(before, listing());
    }

    @Test
    void externalEntityIsRefusedAndNotRead() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET");
        Path cib = write("cib.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE cib [<!ENTITY x SYSTEM \"file://" + secret
                + "\">]>\n<cib><configuration/>&x;</cib>\n");
        Run r = vigil("simulate", "-x", cib.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("DTD"), r.err());
        assertFalse(r.err().contains("TOP-SECRET") || r.out().contains("TOP-SECRET"));
    }

    @Test
    void unknownResourceInConstraintIsNamedAndSimulationRefused() throws IOException {
        Path cib = write("cib.xml", GOOD.formatted("<rsc_order id=\"o-bad\" first=\"ip\" then=\"db2\"/>"));
        Run r = vigil("simulate", "-x", cib.toString());
        assertEquals(ExitCodes.INVALID_CONFIG, r.code());
        assertTrue(r.err().contains("rsc_order 'o-bad' refers to unknown resource 'db2'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void cyclicMandatoryOrderingIsReportedByVerify() throws IOException {
        Path cib = write("cib.xml", GOOD.formatted("<rsc_order id=\"web-then-ip\" first=\"web\" then=\"ip\"/>"));
        Run r = vigil("verify", "-x", cib.toString());
        assertEquals(ExitCodes.INVALID_CONFIG, r.code());
        assertTrue(r.err().contains("ordering cycle"), r.err());
        assertTrue(r.err().contains("ip-then-web") && r.err().contains("web-then-ip"), r.err());
    }

    @Test
    void verifyAcceptsAValidFileAndRejectsAMissingOne() throws IOException {
        Path cib = write("cib.xml", GOOD.formatted(""));
        assertEquals(0, vigil("verify", "-x", cib.toString()).code());
        Run missing = vigil("verify", "-x", dir.resolve("nope.xml").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("nope.xml: no such file"), missing.err());
    }

    @Test
    void helpAndVersionWork() {
        Run help = vigil("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("simulate") && help.out().contains("verify"));
        Run version = vigil("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("vigil "), version.out());
        assertEquals(ExitCodes.USAGE, vigil("simulate").code());
    }
}
