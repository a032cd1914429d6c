package dev.vigil.quorumd.client;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * Reports sent on the current connection and not yet answered, oldest first, so that a reply's lease
 * can be counted from when its report was sent. Client loop only.
 */
final class SentReports {
    /** Beyond this many unanswered reports the server is not answering; the connection times out anyway. */
    private static final int LIMIT = 256;

    record Sent(long seq, Instant sentAt, Set<String> members) {
    }

    private final Deque<Sent> sent = new ArrayDeque<>();

    void add(long seq, Instant sentAt, Set<String> members) {
        sent.addLast(new Sent(seq, sentAt, Set.copyOf(members)));
        if (sent.size() > LIMIT) {
            sent.removeFirst();
        }
    }

    /** Removes and returns the report answered by {@code seq}, dropping older ones. */
    Optional<Sent> answer(long seq) {
        while (!sent.isEmpty() && sent.peekFirst().seq() < seq) {
            sent.removeFirst();
        }
        if (!sent.isEmpty() && sent.peekFirst().seq() == seq) {
            return Optional.of(sent.removeFirst());
        }
        return Optional.empty();
    }

    void clear() {
        sent.clear();
    }
}
