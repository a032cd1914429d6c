package dev.vigil.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifetimeTest {
    private static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");

    @Test
    void takesIsoDurationsAsPacemakerDoesWithMonthsBeforeTheT() {
        assertEquals(Instant.parse("2024-01-31T12:10:00Z"), Lifetime.end("PT10M", NOW));
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), Lifetime.end("P1M", NOW), "M before T is a month");
        assertEquals(Instant.parse("2024-02-01T13:30:00Z"), Lifetime.end("p1dt1h30m", NOW));
        assertEquals(Instant.parse("2024-02-14T12:00:00Z"), Lifetime.end("P2W", NOW));
    }

    @Test
    void takesANumberWithAUnitOrBareSeconds() {
        assertEquals(Instant.parse("2024-01-31T12:10:00Z"), Lifetime.end("10m", NOW));
        assertEquals(Instant.parse("2024-01-31T13:00:00Z"), Lifetime.end("1h", NOW));
        assertEquals(Instant.parse("2024-02-02T12:00:00Z"), Lifetime.end("2d", NOW));
        assertEquals(Instant.parse("2024-01-31T12:01:30Z"), Lifetime.end("90", NOW));
        assertEquals(Instant.parse("2024-01-31T12:05:00Z"), Lifetime.end(" 5 min ", NOW));
    }

    @Test
    void refusesWhatIsNotAPositiveDurationSayingWhatIsAccepted() {
        for (String bad : new String[] {"", "P", "PT", "soon", "10x", "0", "PT0S", "-5m", "P-1D", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lifetime.end(bad, NOW), bad);
            assertTrue(e.getMessage().contains("PT10M"), e.getMessage());
        }
    }
}
