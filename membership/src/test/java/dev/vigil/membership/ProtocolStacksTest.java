package dev.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UDP;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;

class ProtocolStacksTest {

    private static final LinkSpec LINK = LinkSpec.ofPeers("link0", LinkSpec.Transport.UDP, "127.0.0.1", 7000,
            List.of(new InetSocketAddress("127.0.0.1", 7000)));

    @Test
    void buildsMulticastOrStaticPeerStacks() throws Exception {
        SealProtocol seal = new SealProtocol(ClusterKeys.derive(TestCluster.key(1)).sealKey(), "c", "m");
        LinkSpec multicast = new LinkSpec("m", LinkSpec.Transport.UDP, "127.0.0.1", 0, List.of(), "239.1.1.1:694");
        List<Protocol> stack = ProtocolStacks.build(multicast, Duration.ofSeconds(1), Duration.ofSeconds(10), seal,
                new DISCARD());
        assertTrue(((UDP) stack.get(0)).supportsMulticasting());
        assertTrue(stack.get(3) instanceof PING);
        List<Protocol> staticStack = ProtocolStacks.build(LINK, Duration.ofSeconds(1), Duration.ofSeconds(10), seal,
                new DISCARD());
        assertFalse(((UDP) staticStack.get(0)).supportsMulticasting());
        assertTrue(staticStack.get(3) instanceof TCPPING);
        assertSame(seal, staticStack.get(2));
    }

}
