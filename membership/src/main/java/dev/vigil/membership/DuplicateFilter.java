package dev.vigil.membership;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops the second and later copies of a message that arrived over several links. A message is
 * identified by sender name, sender incarnation and sequence number; per sender the two newest
 * incarnations are remembered (a late copy from before a restart is still recognised), each with
 * a {@link SequenceWindow}. State of nodes that left the membership is forgotten, so memory is
 * bounded by the number of nodes holding the cluster key. Thread-safe.
 */
final class DuplicateFilter {

    private static final int INCARNATIONS_PER_SENDER = 2;

    private final Map<String, LinkedHashMap<Long, SequenceWindow>> bySender = new HashMap<>();

    /** True exactly once per (sender, incarnation, sequence). */
    synchronized boolean firstSighting(String sender, long incarnation, long sequence) {
        LinkedHashMap<Long, SequenceWindow> incarnations = bySender.computeIfAbsent(sender, s -> new LinkedHashMap<>());
        SequenceWindow window = incarnations.get(incarnation);
        if (window == null) {
            window = new SequenceWindow();
            incarnations.put(incarnation, window);
            if (incarnations.size() > INCARNATIONS_PER_SENDER) {
                Iterator<Long> oldest = incarnations.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return window.firstSighting(sequence);
    }

    /** Forgets {@code senders} (nodes that were lost: no late copy of theirs can still arrive). */
    synchronized void forget(Collection<String> senders) {
        bySender.keySet().removeAll(senders);
    }

    synchronized int trackedSenders() {
        return bySender.size();
    }
}
