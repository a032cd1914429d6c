package dev.vigil.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.controller.QuorumSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quorum directives of ha.cf: quorum_server and its TLS files, two_node, wait_for_all, expected_votes. */
class QuorumDirectivesTest {
    private static final String SERVER = """
            node alpha beta
            bcast eth0
            quorum_server quorum.example.org
            quorum_keystore quorum/alpha.p12
            quorum_keystore_password_file quorum/alpha.pass
            quorum_truststore /etc/vigil/quorum/truststore.p12
            quorum_truststore_password_file /etc/vigil/quorum/truststore.pass
            """;

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("ha.cf");
    }

    private HaConfig parse(String text) throws ConfigException {
        return HaConfigParser.parse(text, file, "alpha");
    }

    private List<String> problems(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).problems();
    }

    @Test
    void withoutQuorumLinesThereIsNoServerAndTwoNodeModeIsAuto() throws Exception {
        QuorumConfig q = parse("bcast eth0\n").quorum();
        assertFalse(q.hasServer());
        assertEquals(QuorumSettings.TwoNode.AUTO, q.twoNode());
        assertNull(q.waitForAll());
        assertEquals(0, q.expectedVotes());
        assertEquals(Duration.ofSeconds(10), q.serverWait());
    }

    @Test
    void readsTheQuorumServerAndItsFilesRelativeToTheFile() throws Exception {
        QuorumConfig q = parse(SERVER + "quorum_server_wait 5\n").quorum();
        assertTrue(q.hasServer());
        assertEquals("quorum.example.org", q.serverHost());
        assertEquals(5403, q.serverPort());
        assertEquals(dir.resolve("quorum/alpha.p12"), q.keystore());
        assertEquals(dir.resolve("quorum/alpha.pass"), q.keystorePasswordFile());
        assertEquals(Path.of("/etc/vigil/quorum/truststore.p12"), q.truststore());
        assertEquals(Duration.ofSeconds(5), q.serverWait());
        assertEquals(Duration.ofSeconds(5), q.settings().sourceWait());
        assertEquals(6000, parse(SERVER.replace("quorum.example.org", "10.0.0.3:6000")).quorum().serverPort());
    }

    @Test
    void readsTwoNodeWaitForAllAndExpectedVotes() throws Exception {
        QuorumConfig q = parse("node alpha beta\nbcast eth0\ntwo_node off\nwait_for_all on\nexpected_votes 3\n")
                .quorum();
        assertEquals(QuorumSettings.TwoNode.OFF, q.twoNode());
        assertEquals(Boolean.TRUE, q.waitForAll());
        assertEquals(3, q.expectedVotes());
        assertEquals(QuorumSettings.TwoNode.ON, parse("bcast eth0\ntwo_node yes\n").quorum().twoNode());
        assertEquals(QuorumSettings.TwoNode.AUTO, parse("bcast eth0\nTwo_Node AUTO\n").quorum().twoNode());
    }

    @Test
    void aQuorumServerNeedsItsFilesAndTheNodeLines() {
        List<String> p = problems("bcast eth0\nquorum_server q.example.org\n");
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.stream().allMatch(l -> l.startsWith(file + ":2: ")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("needs quorum_keystore:")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("needs quorum_truststore:")), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.contains("needs node lines")), p.toString());
    }

    @Test
    void refusesTwoNodeOnWithAQuorumServerOrMoreThanTwoNodes() {
        List<String> p = problems(SERVER + "two_node on\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(file + ":8: two_node on cannot be used with quorum_server (line 3)"), p.get(0));
        p = problems("node alpha beta gamma\nbcast eth0\ntwo_node on\n");
        assertTrue(p.get(0).contains("two_node on needs at most two nodes"), p.toString());
    }

    @Test
    void reportsBadValuesRepeatsAndMisspellingsWithTheirLines() {
        List<String> p = problems("bcast eth0\ntwo_node maybe\nwait_for_all sometimes\nexpected_votes 0\n"
                + "quorum_server_wait soon\ntwo_node off\nquorum_sever q\n");
        assertEquals(6, p.size(), p.toString());
        assertTrue(p.get(0).contains(":2: two_node: 'maybe' is not on or off — write: two_node on|off|auto"), p.get(0));
        assertTrue(p.get(1).contains(":3: wait_for_all: 'sometimes' is not on or off"), p.get(1));
        assertTrue(p.get(2).contains(":4: expected_votes: '0' is not a number of votes"), p.get(2));
        assertTrue(p.get(3).contains(":5: quorum_server_wait:"), p.get(3));
        assertTrue(p.get(4).contains(":6: two_node is already set on line 2"), p.get(4));
        assertTrue(p.get(5).contains(":7: unknown directive 'quorum_sever' — did you mean 'quorum_server'?"),
                p.get(5));
    }

    @Test
    void warnsAboutServerFilesWithoutAServerAndTooFewExpectedVotes() throws Exception {
        HaConfig c = parse("node alpha beta gamma\nbcast eth0\nquorum_keystore k.p12\nexpected_votes 2\n");
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains(":3: quorum_keystore is ignored without quorum_server"),
                c.warnings().get(0));
        assertTrue(c.warnings().get(1).contains(":4: expected_votes 2 is less than the 3 votes"),
                c.warnings().get(1));
    }
}
