package dev.vigil.cli.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.config.HaConfig.AutoFailback;
import dev.vigil.cli.config.LinkConfig.Kind;
import dev.vigil.cli.config.LinkConfig.Peer;
import dev.vigil.cli.config.LinkConfig.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HaConfigParserTest {
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

    private ConfigException refuse(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    /** Asserts exactly one problem, on {@code line}, containing every fragment. */
    private void assertOneProblem(String text, int line, String... fragments) {
        ConfigException e = refuse(text);
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith(file + ":" + line + ": "), problem);
        assertTrue(problem.contains(" — "), "says what to do: " + problem);
        for (String fragment : fragments) {
            assertTrue(problem.contains(fragment), "'" + fragment + "' in: " + problem);
        }
    }

    @Test
    void readsClassicHeartbeatFile() throws Exception {
        Files.writeString(file, """
                # /etc/ha.d/ha.cf from a Heartbeat pair
                logfacility     local0
                logfile         /var/log/ha-log
                debugfile       /var/log/ha-debug
                keepalive 2
                deadtime 30
                warntime 10
                initdead 120
                udpport 694
                bcast eth0          # Linux
                mcast eth1 225.0.0.1 694 1 0
                ucast eth2 10.0.0.1
                ucast eth2 10.0.0.2
                auto_failback on
                node    alpha beta
                node gamma
                crm respawn
                """);
        HaConfig config = HaConfigParser.parse(file, "beta");

        assertAll(
                () -> assertEquals("beta", config.nodeName()),
                () -> assertEquals("vigil", config.clusterName()),
                () -> assertEquals(List.of("alpha", "beta", "gamma"), config.nodes()),
                () -> assertEquals(Duration.ofSeconds(2), config.keepalive()),
                () -> assertEquals(Duration.ofSeconds(10), config.warntime()),
                () -> assertEquals(Duration.ofSeconds(30), config.deadtime()),
                () -> assertEquals(Duration.ofSeconds(120), config.initdead()),
                () -> assertEquals(AutoFailback.ON, config.autoFailback()),
                () -> assertEquals(694, config.udpport()),
                () -> assertEquals(Path.of("/var/log/ha-log"), config.logfile()),
                () -> assertEquals(Path.of("/var/log/ha-debug"), config.debugfile()),
                () -> assertEquals("local0", config.logfacility()),
                () -> assertEquals(dir.resolve("authkeys"), config.authkeysPath()),
                () -> assertEquals(3, config.links().size()));
        LinkConfig bcast = config.links().get(0);
        assertEquals(new LinkConfig("link0", Kind.BCAST, "eth0", null, 694, null, 0, false, Transport.UDP,
                List.of(), 10), bcast);
        LinkConfig mcast = config.links().get(1);
        assertEquals(new LinkConfig("link1", Kind.MCAST, "eth1", null, 694, "225.0.0.1", 1, false, Transport.UDP,
                List.of(), 11), mcast);
        LinkConfig ucast = config.links().get(2);
        assertEquals("link2", ucast.name());
        assertEquals(Kind.UCAST, ucast.kind());
        assertEquals(List.of(new Peer("10.0.0.1", 694), new Peer("10.0.0.2", 694)), ucast.peers());
        assertEquals(1, config.warnings().size());
        String warning = config.warnings().get(0);
        assertTrue(warning.startsWith(file + ":17: 'crm respawn' ignored"), warning);
    }

    @Test
    void readsVigilLinksOnLoopback() throws Exception {
        HaConfig config = parse("""
                nodename n1
                cluster test-cluster
                node n1 n2 n3
                keepalive 200ms
                warntime 1
                deadtime 2s
                link ring0 bind=127.0.0.1:7001 peers=127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003
                link ring1 bind=127.0.0.1 port=7101 peers=127.0.0.1:7102,localhost transport=tcp
                link ring2 bind=[::1]:7201 mcast=ff02::1:5 ttl=0
                state_dir state
                control_socket /run/vigil-test/n1.sock
                authkeys keys/authkeys
                """);
        assertEquals("n1", config.nodeName());
        assertEquals("test-cluster", config.clusterName());
        assertEquals(Duration.ofMillis(200), config.keepalive());
        assertEquals(Duration.ofSeconds(4), config.initdead());
        LinkConfig ring0 = config.links().get(0);
        assertEquals(new LinkConfig("ring0", Kind.LINK, null, "127.0.0.1", 7001, null, 0, false, Transport.UDP,
                List.of(new Peer("127.0.0.1", 7001), new Peer("127.0.0.1", 7002), new Peer("127.0.0.1", 7003)), 7),
                ring0);
        LinkConfig ring1 = config.links().get(1);
        assertEquals(Transport.TCP, ring1.transport());
        assertEquals(7101, ring1.port());
        assertEquals(List.of(new Peer("127.0.0.1", 7102), new Peer("localhost", 7101)), ring1.peers());
        LinkConfig ring2 = config.links().get(2);
        assertEquals("::1", ring2.bindAddress());
        assertEquals("ff02::1:5", ring2.multicastGroup());
        assertEquals(0, ring2.ttl());
        assertEquals(dir.resolve("state"), config.stateDirectory());
        assertEquals(Path.of("/run/vigil-test/n1.sock"), config.controlSocket());
        assertEquals(dir.resolve("keys/authkeys"), config.authkeysPath());
    }

    @Test
    void fillsDefaults() throws Exception {
        HaConfig config = parse("bcast eth0\n");
        assertAll(
                () -> assertEquals("alpha", config.nodeName()),
                () -> assertEquals("vigil", config.clusterName()),
                () -> assertEquals(List.of(), config.nodes()),
                () -> assertEquals(Duration.ofSeconds(1), config.keepalive()),
                () -> assertEquals(Duration.ofSeconds(5), config.warntime()),
                () -> assertEquals(Duration.ofSeconds(10), config.deadtime()),
                () -> assertEquals(Duration.ofSeconds(20), config.initdead()),
                () -> assertEquals(AutoFailback.ON, config.autoFailback()),
                () -> assertEquals(Path.of("/var/lib/vigil"), config.stateDirectory()),
                () -> assertEquals(Path.of("/run/vigil/vigil.sock"), config.controlSocket()),
                () -> assertEquals(dir.resolve("authkeys"), config.authkeysPath()),
                () -> assertEquals(694, config.udpport()),
                () -> assertNull(config.logfile()),
                () -> assertNull(config.debugfile()),
                () -> assertNull(config.logfacility()),
                () -> assertEquals(List.of(), config.warnings()));
    }

    @Test
    void initdeadDefaultsToTwiceDeadtimeAndWarntimeToHalf() throws Exception {
        HaConfig config = parse("deadtime 30\nbcast eth0\n");
        assertEquals(Duration.ofSeconds(60), config.initdead());
        assertEquals(Duration.ofSeconds(15), config.warntime());
    }

    @ParameterizedTest
    @CsvSource({"2, 2000", "0.5, 500", "500ms, 500", "250msec, 250", "1.5s, 1500", "3sec, 3000", "1min, 60000",
            "2m, 120000", "1h, 3600000", "1500000us, 1500", "10MS, 10"})
    void readsHeartbeatTimes(String text, long millis) throws Exception {
        HaConfig config = parse("initdead " + text + "\ndeadtime 3ms\nwarntime 2ms\nkeepalive 1ms\nbcast eth0\n");
        assertEquals(Duration.ofMillis(millis), config.initdead());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0ms", "-1", "abc", "5x", "1.5.2", "0.1us", "2d", "100000h"})
    void refusesBadTimesWithLineNumber(String text) {
        assertOneProblem("bcast eth0\ndeadtime " + text + "\n", 2, "deadtime", "'" + text + "'", "500ms");
    }

    @Test
    void acceptsAnyCaseAndTrailingComments() throws Exception {
        HaConfig config = parse("KeepAlive 2 # two seconds\nBCAST eth0\nAuto_Failback OFF\n\n   # done\n");
        assertEquals(Duration.ofSeconds(2), config.keepalive());
        assertEquals(AutoFailback.OFF, config.autoFailback());
    }

    @Test
    void readsNiceFailbackAsOldSpellingOfAutoFailback() throws Exception {
        assertEquals(AutoFailback.OFF, parse("nice_failback on\nbcast eth0\n").autoFailback());
        assertEquals(AutoFailback.LEGACY, parse("auto_failback legacy\nbcast eth0\n").autoFailback());
        assertOneProblem("nice_failback on\nauto_failback on\nbcast eth0\n", 2, "already set on line 1");
    }

    @Test
    void mergesUcastLinesOfOneInterfaceIntoOneLink() throws Exception {
        HaConfig config = parse("udpport 7000\nucast eth0 10.0.0.1\nucast eth0 10.0.0.2\nucast eth1 node-b\n");
        assertEquals(2, config.links().size());
        assertEquals(List.of(new Peer("10.0.0.1", 7000), new Peer("10.0.0.2", 7000)), config.links().get(0).peers());
        assertEquals("eth1", config.links().get(1).networkInterface());
        assertEquals(List.of(new Peer("node-b", 7000)), config.links().get(1).peers());
    }

    @Test
    void makesOneLinkPerBcastInterface() throws Exception {
        HaConfig config = parse("bcast eth0 eth1\nlink ring0 bind=10.0.0.1:7001 peers=10.0.0.2\n");
        assertEquals(List.of("link0", "link1", "ring0"), config.links().stream().map(LinkConfig::name).toList());
        assertEquals(List.of(new Peer("10.0.0.2", 7001)), config.links().get(2).peers());
    }

    @Test
    void appliesLateUdpportToAllLinksWithAWarning() throws Exception {
        HaConfig config = parse("bcast eth0\nudpport 7000\n");
        assertEquals(7000, config.links().get(0).port());
        assertEquals(1, config.warnings().size());
        assertTrue(config.warnings().get(0).startsWith(file + ":2: udpport comes after"), config.warnings().get(0));
    }

    @Test
    void warnsAboutIgnoredHeartbeatDirectives() throws Exception {
        HaConfig config = parse("""
                bcast eth0
                serial /dev/ttyS0
                baud 19200
                respawn hacluster /usr/lib/heartbeat/ipfail
                ping 10.0.0.254
                use_logd yes
                compression bz2
                """);
        List<String> warnings = config.warnings();
        assertEquals(6, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith(file + ":2: 'serial /dev/ttyS0' ignored"), warnings.get(0));
        assertTrue(warnings.get(0).contains("serial links are not supported"), warnings.get(0));
        assertTrue(warnings.get(1).contains("serial links are not supported"), warnings.get(1));
        assertTrue(warnings.get(2).startsWith(file + ":4: 'respawn hacluster"), warnings.get(2));
    }

    @Test
    void refusesUnknownDirectiveSuggestingTheSpelling() {
        assertOneProblem("bcast eth0\ndeadtme 10\n", 2, "unknown directive 'deadtme'", "did you mean 'deadtime'?");
        assertOneProblem("bcast eth0\nstonith_host * null\n", 2, "unknown directive 'stonith_host'");
    }

    @Test
    void refusesDuplicateSettingNamingBothLines() {
        assertOneProblem("keepalive 1\nbcast eth0\nkeepalive 2\n", 3, "keepalive is already set on line 1",
                "lines 1 and 3");
    }

    @Test
    void refusesWrongValueCounts() {
        assertOneProblem("bcast eth0\nkeepalive 1 2\n", 2, "keepalive takes one value, found 2");
        assertOneProblem("bcast eth0\nnode\n", 2, "node needs at least one node name");
        assertOneProblem("mcast eth0 225.0.0.1 694 1\n", 1, "mcast takes 5 values, found 4");
        assertOneProblem("bcast\n", 1, "bcast needs at least one interface");
    }

    @Test
    void refusesBadAddressesAndPorts() {
        assertOneProblem("ucast eth0 10.0.0.300\n", 1, "'10.0.0.300' is not a valid IPv4 address");
        assertOneProblem("bcast eth0\nudpport 70000\n", 2, "udpport", "'70000' is not a port number");
        assertOneProblem("mcast eth0 10.0.0.1 694 1 0\n", 1, "'10.0.0.1' is not a multicast address");
        assertOneProblem("mcast eth0 239.1.1.1 694 300 0\n", 1, "ttl '300'");
        assertOneProblem("link r bind=127.0.0.1:0 peers=127.0.0.1:7002\n", 1, "'0' is not a port number");
        assertOneProblem("link r bind=127.0.0.1:7001 peers=127.0.0.1:7002,bad_host!\n", 1,
                "'bad_host!' is not a valid host name");
        assertOneProblem("bcast this-name-is-far-too-long\n", 1, "not a network interface name");
    }

    @Test
    void refusesInconsistentLinkLines() {
        assertOneProblem("link r bind=127.0.0.1:7001\n", 1, "link r has neither peers= nor mcast=");
        assertOneProblem("link r peers=127.0.0.1:7002\n", 1, "link r has no bind= address");
        assertOneProblem("link r bind=127.0.0.1:7001 mcast=239.1.1.1 transport=tcp\n", 1, "TCP cannot multicast");
        assertOneProblem("link r bind=127.0.0.1:7001 peers=127.0.0.1:7002 colour=blue\n", 1,
                "unknown option 'colour=blue'");
        assertOneProblem("link r bind=127.0.0.1:7001 port=7005 peers=127.0.0.1:7002\n", 1,
                "port 7001 in bind= and port=7005");
        assertOneProblem("link bind=127.0.0.1:7001\n", 1, "link needs a name");
        assertOneProblem("link r bind=127.0.0.1:7001 peers=127.0.0.1:7002 transport=sctp\n", 1, "transport 'sctp'");
    }

    @Test
    void refusesDuplicateLinkNames() {
        assertOneProblem("link r bind=127.0.0.1:7001 peers=127.0.0.1:7002\n"
                + "link r bind=127.0.0.1:7003 peers=127.0.0.1:7004\n", 2, "link name 'r' is already used on line 1");
        assertOneProblem("link link1 bind=127.0.0.1:7001 peers=127.0.0.1:7002\nbcast eth0\n", 2,
                "link name 'link1' is already used on line 1");
    }

    @Test
    void refusesTwoLinksOnTheSamePortAndAddress() {
        assertOneProblem("link a bind=127.0.0.1:7001 peers=127.0.0.1:7002\n"
                + "link b bind=127.0.0.1:7001 peers=127.0.0.1:7003\n", 2, "links a (line 1) and b (line 2)",
                "UDP port 7001 on address 127.0.0.1");
        assertOneProblem("bcast eth0\nucast eth0 10.0.0.2\n", 2, "UDP port 694 on interface eth0");
    }

    @Test
    void acceptsSamePortOnDifferentAddressesOrTransports() throws Exception {
        HaConfig config = parse("link a bind=127.0.0.1:7001 peers=127.0.0.2:7001\n"
                + "link b bind=127.0.0.2:7001 peers=127.0.0.1:7001\n"
                + "link c bind=127.0.0.1:7001 peers=127.0.0.2:7001 transport=tcp\n");
        assertEquals(3, config.links().size());
    }

    @Test
    void refusesTimingsOutOfOrderNamingTheValues() {
        assertOneProblem("bcast eth0\nkeepalive 5\n", 2, "keepalive 5s must be shorter than warntime 5s (default");
        assertOneProblem("bcast eth0\nwarntime 20\ndeadtime 15\n", 3, "warntime 20s must be shorter than deadtime 15s");
        assertOneProblem("bcast eth0\ninitdead 5\n", 2, "deadtime 10s (default) must be at most initdead 5s");
    }

    @Test
    void refusesNodeNameMissingFromNodeLines() {
        assertOneProblem("bcast eth0\nnode beta gamma\n", 2, "this node's name 'alpha' (from the host name)",
                "beta, gamma");
        assertOneProblem("nodename delta\nbcast eth0\nnode beta gamma\n", 1, "(from nodename)");
    }

    @Test
    void comparesNodeNamesIgnoringCaseLikeHeartbeat() throws Exception {
        assertEquals(List.of("Alpha"), parse("bcast eth0\nnode Alpha\n").nodes());
    }

    @Test
    void refusesFileWithoutLinks() {
        ConfigException e = refuse("node alpha\n");
        assertEquals(List.of(file + ": no link configured — add a bcast, mcast, ucast or link line"), e.problems());
    }

    @Test
    void refusesMissingNodeName() {
        assertThrows(ConfigException.class, () -> HaConfigParser.parse("bcast eth0\n", file, null));
        assertThrows(ConfigException.class, () -> HaConfigParser.parse("bcast eth0\n", file, "bad name!"));
    }

    @Test
    void refusesOverlongControlSocketPath() {
        assertOneProblem("bcast eth0\ncontrol_socket /" + "x".repeat(120) + "\n", 2, "at most 107");
    }

    @Test
    void reportsAllProblemsTogetherInLineOrder() {
        ConfigException e = refuse("""
                keepalive fast
                bcast eth0
                frobnicate yes
                ucast eth1 999.1.1.1
                keepalive 2
                """);
        List<String> problems = e.problems();
        assertEquals(4, problems.size(), e.getMessage());
        assertTrue(problems.get(0).startsWith(file + ":1: keepalive: 'fast' is not a time"), problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ":3: unknown directive 'frobnicate'"), problems.get(1));
        assertTrue(problems.get(2).startsWith(file + ":4: ucast: '999.1.1.1'"), problems.get(2));
        assertTrue(problems.get(3).startsWith(file + ":5: keepalive is already set on line 1"), problems.get(3));
        assertEquals(String.join("\n", problems), e.getMessage());
    }

    @Test
    void reportsMissingFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> HaConfigParser.parse(file, "alpha"));
        assertTrue(e.getMessage().startsWith(file + ": not found"), e.getMessage());
    }

    @Test
    void readsFileWithWindowsLineEndingsAndByteOrderMark() throws IOException, ConfigException {
        Files.writeString(file, "\uFEFFkeepalive 2\r\nbcast eth0\r\n");
        assertEquals(Duration.ofSeconds(2), HaConfigParser.parse(file, "alpha").keepalive());
    }
}
