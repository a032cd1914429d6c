package dev.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;

class ProtocolStacksTest {

    private static final LinkSpec LINK = LinkSpec.ofPeers("link0", LinkSpec.Transport.UDP, "127.0.0.1", 7000,
            List.of(new InetSocketAddress("127.0.0.1", 7000)));
    private static final Duration KEEPALIVE = Duration.ofSeconds(1);

    @Test
    void buildsMulticastOrStaticPeerStacks() throws Exception {
        SealProtocol seal = seal();
        LinkSpec multicast = new LinkSpec("m", LinkSpec.Transport.UDP, "127.0.0.1", 0, List.of(), "239.1.1.1:694");
        List<Protocol> stack = ProtocolStacks.build(multicast, KEEPALIVE, Duration.ofSeconds(10), seal, liveness(),
                new DISCARD());
        assertTrue(((UDP) stack.get(0)).supportsMulticasting());
        assertTrue(stack.get(3) instanceof PING);
        List<Protocol> staticStack = ProtocolStacks.build(LINK, KEEPALIVE, Duration.ofSeconds(10), seal, liveness(),
                new DISCARD());
        assertFalse(((UDP) staticStack.get(0)).supportsMulticasting());
        assertTrue(staticStack.get(3) instanceof TCPPING);
        assertSame(seal, staticStack.get(2));
    }

    @Test
    void everySuspicionIsVerifiedWithinAWindowThatDoesNotGrowWithDeadtime() throws Exception {
        LivenessProtocol liveness = liveness();
        List<Protocol> stack = ProtocolStacks.build(LINK, KEEPALIVE, Duration.ofSeconds(10), seal(), liveness,
                new DISCARD());
        int at = stack.indexOf(liveness);
        assertTrue(stack.get(at - 1) instanceof FD_ALL3);
        VERIFY_SUSPECT verify = (VERIFY_SUSPECT) stack.get(at + 1);
        assertEquals(ProtocolStacks.MAX_VERIFY_MILLIS, verify.getTimeout());
        assertEquals(10_000 - ProtocolStacks.MAX_VERIFY_MILLIS, ((FD_ALL3) stack.get(at - 1)).getTimeout(),
                "silence plus verification still add up to deadtime");

        List<Protocol> fast = ProtocolStacks.build(LINK, Duration.ofMillis(100), Duration.ofMillis(400), seal(),
                liveness(), new DISCARD());
        assertEquals(100, fast.stream().filter(p -> p instanceof VERIFY_SUSPECT).map(p -> (VERIFY_SUSPECT) p)
                .findFirst().orElseThrow().getTimeout(), "a quarter of a short deadtime");
    }

    private static SealProtocol seal() {
        return new SealProtocol(ClusterKeys.derive(TestCluster.key(1)).sealKey(), "c", "m");
    }

    private static LivenessProtocol liveness() {
        return new LivenessProtocol("link0", KEEPALIVE, Duration.ofSeconds(10), Object::toString);
    }
}
