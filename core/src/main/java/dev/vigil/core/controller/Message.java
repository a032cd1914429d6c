package dev.vigil.core.controller;

import dev.vigil.core.model.CibVersion;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import java.util.List;

/** What controllers say to each other over the membership layer. Immutable records. */
public sealed interface Message {

    /** DC to all: report your CIB version (sync round {@code round} after a membership change). */
    record VersionQuery(long round) implements Message {
    }

    /** Node to DC: my CIB version and my daemon's incarnation. */
    record VersionReply(long round, CibVersion version, String bootId) implements Message {
    }

    /** DC to the node with the newest CIB: send it to me. */
    record FullRequest(long round) implements Message {
    }

    /** Node to DC: my whole CIB. */
    record FullReply(long round, String xml) implements Message {
    }

    /**
     * DC to all: the CIB as it now is; members adopt it, write it to disk and confirm with
     * {@link ReplicaAck}. {@code seq} numbers the DC's replicas (increasing per DC incarnation).
     */
    record Replica(long seq, String xml) implements Message {
    }

    /** Member to DC: replica {@code seq} (and so every earlier one) is adopted and on disk. */
    record ReplicaAck(long seq) implements Message {
    }

    /**
     * Node to DC: my controller now follows you (it started, or the DC changed); sync again so a
     * replica sent before I was listening is not lost and my CIB version is counted.
     */
    record Announce(String bootId) implements Message {
    }

    /** DC to a node: run this operation (recurring when it has an interval). */
    record Exec(long id, OperationRequest request) implements Message {
    }

    /** DC to a node: stop a recurring operation. */
    record Cancel(String resourceId, String operationKey) implements Message {
    }

    /** Node to DC: the result of an operation ({@code id} 0 for a recurring monitor's change). */
    record ExecResult(long id, OperationResult result) implements Message {
    }

    /** Node to DC: apply this change on behalf of a local client. */
    record ChangeRequest(long id, CibChange change) implements Message {
    }

    /** DC to node: the change was applied (no problems) or refused. */
    record ChangeReply(long id, List<String> problems) implements Message {
        public ChangeReply {
            problems = List.copyOf(problems);
        }
    }

    /**
     * DC to all: finished fencing operations, to add to every node's history. {@code fresh}: just
     * happened (a node that reads itself fenced in a fresh event knows it must stop); otherwise a
     * copy of the DC's history for a node that joined.
     */
    record FenceHistory(boolean fresh, List<FenceEvent> events) implements Message {
        public FenceHistory {
            events = List.copyOf(events);
        }
    }

    /**
     * Node to DC: an operator asks to fence {@code target} ({@code action} off or reboot), or with
     * {@code confirm} confirms that it is down. Answered with a {@link FenceAnswer}.
     */
    record FenceAsk(long id, String target, String action, boolean confirm, String origin) implements Message {
    }

    /**
     * Node to the members of its partition: an operator granted quorum by hand ({@code on}) or revoked
     * that ({@code vigil quorum override}); {@code by} names who, {@code atMillis} when.
     */
    record QuorumOverride(boolean on, String by, long atMillis) implements Message {
    }

    /** DC to node: the outcome of a {@link FenceAsk}; no problems means done. */
    record FenceAnswer(long id, List<String> problems) implements Message {
        public FenceAnswer {
            problems = List.copyOf(problems);
        }
    }
}
