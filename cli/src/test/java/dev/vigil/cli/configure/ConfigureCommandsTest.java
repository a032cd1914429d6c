package dev.vigil.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil import} and {@code vigil configure} as a user runs them (picocli, captured out and err). */
class ConfigureCommandsTest {
    /** The realistic two-node pair of {@code examples/heartbeat-r1}. */
    static final Path EXAMPLE = Path.of("../examples/heartbeat-r1");

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

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/configure/" + name)) {
            return write(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void importedHaresourcesVerifyAndStartEachGroupOnItsNode() {
        Path cib = dir.resolve("cib.xml");
        Run imported = vigil("import", "haresources", "--ha-cf", EXAMPLE.resolve("ha.cf").toString(),
                EXAMPLE.resolve("haresources").toString(), "-o", cib.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.err().contains("warning: fencing is disabled (fencing-enabled=false)"), imported.err());
        assertTrue(imported.err().contains("wrote " + cib + " (2 groups)"), imported.err());
        Run verified = vigil("verify", "-x", cib.toString());
        assertEquals(0, verified.code(), verified.err());
        Run sim = vigil("simulate", "-S", "-x", cib.toString());
        assertEquals(0, sim.code(), sim.err());
        for (String line : new String[] {"* Start      IPaddr_192_168_10_100      ( node1 )",
                "* Start      httpd                      ( node1 )",
                "* Start      IPaddr_192_168_10_101      ( node2 )",
                "* Start      postgresql                 ( node2 )",
                "* httpd\t(lsb:httpd):\t Started node1", "* postgresql\t(lsb:postgresql):\t Started node2"}) {
            assertTrue(sim.out().contains(line), line + " in\n" + sim.out());
        }
    }

    @Test
    void importHaresourcesPrintsXmlOrCrmText() throws IOException {
        Path file = write("haresources", "node1 IPaddr::10.0.0.10/24/eth0 Filesystem::/dev/sdb1::/data::ext4 httpd\n");
        Run xml = vigil("import", "haresources", file.toString());
        assertEquals(0, xml.code(), xml.err());
        assertTrue(xml.out().startsWith("<cib "), xml.out());
        assertTrue(xml.out().contains("<nvpair id=\"IPaddr_10_0_0_10-instance_attributes-ip\" name=\"ip\" "
                + "value=\"10.0.0.10\"/>"), xml.out());
        assertTrue(xml.out().contains("<node_state id=\"node1\" uname=\"node1\" in_ccm=\"true\""), xml.out());
        Run crm = vigil("import", "haresources", "--crm", "--auto-failback", "off", "--node", "node2",
                "--cluster-name", "web", "--no-status", file.toString());
        assertEquals(0, crm.code(), crm.err());
        assertTrue(crm.out().startsWith("node node2\nnode node1\nprimitive IPaddr_10_0_0_10 ocf:heartbeat:IPaddr2 "
                + "params ip=10.0.0.10 cidr_netmask=24 nic=eth0 op monitor interval=10s timeout=20s\n"), crm.out());
        assertTrue(crm.out().contains("location group_1-prefers-node1 group_1 100: node1\n"), crm.out());
        assertTrue(crm.out().contains("cluster-name=web"), crm.out());
        assertTrue(crm.out().endsWith("rsc_defaults rsc-options: resource-stickiness=INFINITY\n"), crm.out());
    }

    @Test
    void importHaresourcesReportsEveryProblemWithItsLine() throws IOException {
        Path file = write("haresources", "node1 Filesystem::/dev/sdb1::/data\nnode2 IPaddr::10.0.0/24\n");
        Run r = vigil("import", "haresources", file.toString());
        assertEquals(3, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("vigil import haresources: " + file + ":1: 'Filesystem::/dev/sdb1::/data' needs 3 "
                + "arguments"), r.err());
        assertTrue(r.err().contains(file + ":2: 'IPaddr::10.0.0/24': '10.0.0' is not an IPv4 address"), r.err());
        Run missing = vigil("import", "haresources", dir.resolve("nope").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("nope: no such file"), missing.err());
        Run usage = vigil("import", "haresources", "--auto-failback", "maybe", file.toString());
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("--auto-failback is 'on' or 'off', not 'maybe'"), usage.err());
    }

    @Test
    void importCibBringsLegacyNamesUpToDate() throws IOException {
        Path legacy = resource("legacy-cib.xml");
        Path out = dir.resolve("new.xml");
        Run r = vigil("import", "cib", legacy.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        String xml = Files.readString(out);
        assertTrue(xml.contains("<clone id=\"ms-db\">"), xml);
        assertTrue(xml.contains("<nvpair id=\"ms-db-meta-promotable\" name=\"promotable\" value=\"true\"/>"), xml);
        assertTrue(xml.contains("<nvpair id=\"ms-db-meta-promoted-max\" name=\"promoted-max\" value=\"1\"/>"), xml);
        assertTrue(xml.contains("role=\"Promoted\"") && xml.contains("role=\"Unpromoted\""), xml);
        assertTrue(xml.contains("with-rsc-role=\"Promoted\""), xml);
        assertTrue(xml.contains("<nvpair id=\"cib-bootstrap-options-fencing-enabled\" name=\"fencing-enabled\" "
                + "value=\"false\"/>"), xml);
        assertFalse(xml.contains("<attributes>"), xml);
        assertTrue(r.err().contains("vigil import cib: master 'ms-db' is now a promotable clone"), r.err());
        assertTrue(r.err().contains("vigil import cib: role 'Master' is now 'Promoted' (2 times)"), r.err());
        assertEquals(0, vigil("verify", "-x", out.toString()).code());
        Run show = vigil("configure", "show", "-x", out.toString(), "ms-db", "db");
        assertEquals("primitive db ocf:pacemaker:Stateful \\\n\top monitor interval=10 role=Promoted \\\n"
                + "\top monitor interval=11 role=Unpromoted\nclone ms-db db \\\n\tmeta promotable=true promoted-max=1 "
                + "notify=true\n", show.out());
    }

    @Test
    void importCibRefusesABrokenCib() throws IOException {
        Path bad = write("bad.xml", Files.readString(resource("legacy-cib.xml")).replace("rsc=\"ip\"", "rsc=\"ipp\""));
        Run r = vigil("import", "cib", bad.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("ipp"), r.err());
        Run malformed = vigil("import", "cib", write("m.xml", "<cib><configuration>").toString());
        assertEquals(3, malformed.code());
        assertTrue(malformed.err().contains("malformed XML"), malformed.err());
    }

    @Test
    void configureShowPrintsTheConfiguration() throws IOException {
        Path cib = resource("legacy-cib.xml");
        Run all = vigil("configure", "show", "-x", cib.toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().startsWith("node 1: alpha:normal\nnode 2: beta:normal\n"), all.out());
        assertTrue(all.out().contains("ms ms-db db \\\n\tmeta master-max=1 notify=true\n"), all.out());
        assertTrue(all.out().contains("colocation ip-with-db inf: ip ms-db:Master\n"), all.out());
        Run xml = vigil("configure", "show", "--xml", "-x", cib.toString());
        assertTrue(xml.out().startsWith("<configuration>\n  <crm_config>"), xml.out());
        Run one = vigil("configure", "show", "-x", cib.toString(), "db-then-ip");
        assertEquals("order db-then-ip ms-db:promote ip:start\n", one.out());
        Run none = vigil("configure", "show", "-x", cib.toString(), "nothing");
        assertEquals(3, none.code());
        assertTrue(none.err().contains("no object with id nothing"), none.err());
        Run noDaemon = vigil("configure", "show", "--socket", dir.resolve("no-daemon.sock").toString());
        assertEquals(4, noDaemon.code(), "without -x it is the live CIB, and no daemon answers");
        assertTrue(noDaemon.err().contains("no-daemon.sock"), noDaemon.err());
        assertEquals(3, vigil("configure", "show", "-x", dir.resolve("missing.xml").toString()).code());
    }

    @Test
    void configureVerifyReportsErrors() throws IOException {
        Path good = resource("legacy-cib.xml");
        Run ok = vigil("configure", "verify", "-V", "-x", good.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("configuration is valid"), ok.out());
        Path bad = write("bad.xml", Files.readString(good).replace("with-rsc=\"ms-db\"", "with-rsc=\"nodb\""));
        Run r = vigil("configure", "verify", "-x", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nodb"), r.err());
        assertTrue(r.err().contains("vigil configure verify: 1 error found in " + bad), r.err());
    }

    @Test
    void configureLoadUpdatesOrReplacesTheConfiguration() throws IOException {
        Path cib = resource("legacy-cib.xml");
        Path update = write("update.crm", """
                primitive web ocf:heartbeat:apache params configfile=/etc/httpd/httpd.conf op monitor interval=30s
                group front ip web
                property stonith-enabled=true
                """);
        Run r = vigil("configure", "load", "update", update.toString(), "-x", cib.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("<group id=\"front\">"), r.out());
        assertTrue(r.out().contains("<op id=\"web-monitor-30s\" name=\"monitor\" interval=\"30s\"/>"), r.out());
        assertTrue(r.out().contains("<nvpair id=\"cib-bootstrap-options-stonith-enabled\" name=\"stonith-enabled\" "
                + "value=\"true\"/>"), r.out());
        Path replacement = write("all.crm", "node alpha\nprimitive only ocf:pacemaker:Dummy\n");
        Path out = dir.resolve("out.xml");
        Run replaced = vigil("configure", "load", "replace", replacement.toString(), "-x", cib.toString(), "-o",
                out.toString());
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(Files.readString(out).contains("<node id=\"1\" uname=\"alpha\"/>"));
        assertTrue(Files.readString(out).contains("epoch=\"12\""));
    }

    @Test
    void configureLoadRefusesMistakesAndInvalidResults() throws IOException {
        Path cib = resource("legacy-cib.xml");
        Run typo = vigil("configure", "load", "update", write("typo.crm", "primitve x Dummy\n").toString(), "-x",
                cib.toString());
        assertEquals(3, typo.code());
        assertEquals("", typo.out());
        assertTrue(typo.err().contains("typo.crm:1:1: unknown keyword 'primitve' (did you mean 'primitive'?)"),
                typo.err());
        Run cycle = vigil("configure", "load", "update", write("cycle.crm", "order back ip:start ms-db:promote\n").toString(), "-x",
                cib.toString());
        assertEquals(1, cycle.code(), cycle.err());
        assertTrue(cycle.err().contains("nothing was changed"), cycle.err());
        Run method = vigil("configure", "load", "merge", "x", "-x", cib.toString());
        assertEquals(2, method.code());
    }
}
