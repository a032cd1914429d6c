package dev.vigil.core.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RulesDateTest {
    @Test
    void readsTheDateFormsPacemakerWrites() {
        Instant t = Instant.parse("2018-12-12T19:05:37Z");
        assertEquals(t, Rules.parseDate("2018-12-12 14:05:37 -05:00"), "crm_resource --lifetime's form");
        assertEquals(t, Rules.parseDate("2018-12-12T14:05:37-05:00"));
        assertEquals(t, Rules.parseDate("2018-12-12 19:05:37Z"));
        assertEquals(t, Rules.parseDate("2018-12-12 19:05:37"));
        assertEquals(Instant.parse("2018-12-12T00:00:00Z"), Rules.parseDate("2018-12-12"));
        assertNull(Rules.parseDate("next tuesday"));
    }
}
