package dev.vigil.core.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a transition's summary with expected lines written compactly, in crm_simulate's words
 * without its column padding: {@code "Move rsc1 (node1 -> node2)"},
 * {@code "Stop rsc1 (node1) due to node availability"},
 * {@code "Fence (reboot) node2 'peer is no longer part of the cluster'"}.
 */
final class SummaryAssert {
    private SummaryAssert() {
    }

    static String render(SummaryLine l) {
        if (l.fence()) {
            return l.change() + " " + l.subject() + " '" + l.reason() + "'";
        }
        StringBuilder sb = new StringBuilder(l.change()).append(' ').append(l.subject());
        sb.append(" (").append(l.details()).append(')');
        if (l.reason() != null && !l.reason().isEmpty()) {
            sb.append(' ').append(l.reason());
        }
        return sb.toString();
    }

    static List<String> lines(Transition t) {
        List<String> out = new ArrayList<>();
        for (SummaryLine l : t.summary()) {
            out.add(render(l));
        }
        return out;
    }

    /** The summary is exactly these lines, in this order. */
    static void assertSummary(Transition t, String... expected) {
        assertEquals(List.of(expected), lines(t), "transition summary");
    }

    /** The summary has exactly these lines, in any order. */
    static void assertSummaryInAnyOrder(Transition t, String... expected) {
        List<String> want = new ArrayList<>(List.of(expected));
        List<String> got = new ArrayList<>(lines(t));
        want.sort(null);
        got.sort(null);
        assertEquals(want, got, "transition summary (any order)");
    }
}
