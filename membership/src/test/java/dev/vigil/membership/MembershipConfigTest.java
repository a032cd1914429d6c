package dev.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipConfigTest {

    private static final LinkSpec LINK = LinkSpec.ofPeers("link0", LinkSpec.Transport.UDP, "127.0.0.1", 7000,
            List.of(new InetSocketAddress("127.0.0.1", 7000)));

    @Test
    void rejectsConfigurationMistakesNamingTheValue() {
        byte[] key = TestCluster.key(1);
        assertMessage("cluster key must be 32 bytes, got 16", () -> config(List.of(LINK), new byte[16]));
        assertMessage("at least one link", () -> config(List.of(), key));
        assertMessage("link 'link0' is configured twice", () -> config(List.of(LINK, LINK), key));
        assertMessage("deadtime PT0.3S must be at least twice keepalive PT0.2S",
                () -> new MembershipConfig("a", "c", List.of(LINK), Duration.ofMillis(200), Duration.ofMillis(300), key));
        assertMessage("multicast group '239.1.1.1' needs transport UDP",
                () -> new LinkSpec("l", LinkSpec.Transport.TCP, "0.0.0.0", 1, List.of(), "239.1.1.1"));
        assertMessage("static peers need a fixed bind port",
                () -> LinkSpec.ofPeers("l", LinkSpec.Transport.UDP, "0.0.0.0", 0, List.of()));
        assertMessage("no link named 'eth9'", () -> config(List.of(LINK), key).link("eth9"));
    }

    @Test
    void neverShowsOrSharesTheKey() {
        byte[] key = TestCluster.key(1);
        MembershipConfig config = config(List.of(LINK), key);
        key[0] = 99;
        assertEquals(1, config.clusterKey()[0]);
        config.clusterKey()[0] = 99;
        assertEquals(1, config.clusterKey()[0]);
        assertFalse(config.toString().contains("1, 1"), config.toString());
        assertTrue(config.toString().contains("<redacted>"));
        assertEquals(config, config(List.of(LINK), TestCluster.key(1)));
    }

    @Test
    void parsesMulticastGroupsWithAndWithoutPort() {
        LinkSpec plain = new LinkSpec("m", LinkSpec.Transport.UDP, "0.0.0.0", 0, List.of(), "239.1.1.1");
        assertEquals("239.1.1.1", plain.multicastAddress());
        assertEquals(LinkSpec.DEFAULT_MULTICAST_PORT, plain.multicastPort());
        LinkSpec withPort = new LinkSpec("m", LinkSpec.Transport.UDP, "0.0.0.0", 0, List.of(), "239.1.1.1:694");
        assertEquals("239.1.1.1", withPort.multicastAddress());
        assertEquals(694, withPort.multicastPort());
    }

    private static MembershipConfig config(List<LinkSpec> links, byte[] key) {
        return new MembershipConfig("a", "c", links, Duration.ofMillis(200), Duration.ofSeconds(2), key);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
