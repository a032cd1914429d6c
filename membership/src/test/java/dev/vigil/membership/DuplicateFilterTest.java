package dev.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

    @Test
    void acceptsEachSequenceNumberOnceInAnyOrder() {
        SequenceWindow window = new SequenceWindow();
        assertTrue(window.firstSighting(1));
        assertTrue(window.firstSighting(3));
        assertFalse(window.firstSighting(3));
        assertTrue(window.firstSighting(2));
        assertFalse(window.firstSighting(1));
        assertFalse(window.firstSighting(0));
        assertFalse(window.firstSighting(-5));
    }

    @Test
    void treatsNumbersBeyondTheWindowAsSeenAndReusesBitsCorrectly() {
        SequenceWindow window = new SequenceWindow();
        assertTrue(window.firstSighting(5));
        assertTrue(window.firstSighting(5 + SequenceWindow.SIZE));
        assertFalse(window.firstSighting(5), "too old to tell: treated as a duplicate");
        assertTrue(window.firstSighting(6 + SequenceWindow.SIZE), "bit of 6 was cleared when the window moved");
        assertTrue(window.firstSighting(10 * SequenceWindow.SIZE));
        assertFalse(window.firstSighting(10 * SequenceWindow.SIZE));
        assertTrue(window.firstSighting(10 * SequenceWindow.SIZE - 1));
    }

    @Test
    void keepsSendersAndIncarnationsApart() {
        DuplicateFilter filter = new DuplicateFilter();
        assertTrue(filter.firstSighting("a", 1, 1));
        assertTrue(filter.firstSighting("b", 1, 1));
        assertTrue(filter.firstSighting("a", 2, 1), "a restarted: new incarnation, new sequence");
        assertFalse(filter.firstSighting("a", 1, 1), "late copy from before the restart");
        assertTrue(filter.firstSighting("a", 3, 1));
        assertEquals(2, filter.trackedSenders());
    }

    @Test
    void forgetsNodesThatLeft() {
        DuplicateFilter filter = new DuplicateFilter();
        filter.firstSighting("a", 1, 1);
        filter.firstSighting("b", 1, 1);
        filter.forget(List.of("b"));
        assertEquals(1, filter.trackedSenders());
        assertFalse(filter.firstSighting("a", 1, 1));
    }
}
