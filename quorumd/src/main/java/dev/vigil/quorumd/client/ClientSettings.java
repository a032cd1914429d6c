package dev.vigil.quorumd.client;

import java.time.Clock;
import java.time.Duration;

/** The settings a {@link QuorumClient} was built with (checked by {@link QuorumClientBuilder}). Immutable. */
record ClientSettings(String host, int port, String cluster, String node, int nodeId, Duration heartbeat,
        Duration timeout, Duration leaseMargin, Duration backoffMin, Duration backoffMax, boolean verifyHostname,
        Clock clock, VoteListener listener) {
}
