package dev.vigil.core.controller;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A node controller's settings. Immutable.
 *
 * @param nodeName this node's name
 * @param bootId this daemon incarnation's id (random per start)
 * @param syncTimeout how long the DC waits for members' CIB versions after a membership change
 * @param resultSlack how long past an operation's timeout the DC waits for its result before
 *        treating it as lost
 * @param recheckInterval how often the DC reruns the scheduler without any event (Pacemaker's
 *        {@code cluster-recheck-interval}), for time-based rules and failure timeouts
 * @param initialWait how long after this daemon starts (Heartbeat's {@code initdead}) a DC waits for
 *        every expected node before it starts managing resources without the missing ones
 * @param expectedNodes nodes expected at startup besides those named in the CIB ({@code ha.cf node} lines)
 * @param quorum how quorum is counted
 */
public record ControllerSettings(String nodeName, String bootId, Duration syncTimeout, Duration resultSlack,
        Duration recheckInterval, Duration initialWait, List<String> expectedNodes, QuorumSettings quorum) {

    public ControllerSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(initialWait, "initialWait");
        expectedNodes = List.copyOf(expectedNodes);
        Objects.requireNonNull(quorum, "quorum");
    }

    public static ControllerSettings of(String nodeName, String bootId) {
        return new ControllerSettings(nodeName, bootId, Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ZERO, List.of(), QuorumSettings.defaults());
    }

    /** These settings with the startup wait for {@code expected} nodes lasting {@code wait}. */
    public ControllerSettings withStartupWait(Duration wait, List<String> expected) {
        return new ControllerSettings(nodeName, bootId, syncTimeout, resultSlack, recheckInterval, wait, expected,
                quorum);
    }

    /** These settings with quorum counted as {@code q} says. */
    public ControllerSettings withQuorum(QuorumSettings q) {
        return new ControllerSettings(nodeName, bootId, syncTimeout, resultSlack, recheckInterval, initialWait,
                expectedNodes, q);
    }
}
