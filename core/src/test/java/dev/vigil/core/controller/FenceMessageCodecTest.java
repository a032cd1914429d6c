package dev.vigil.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FenceMessageCodecTest {
    private static final FenceEvent EVENT = new FenceEvent("node2", "off", "node1", "node1", "SUCCESS", 2,
            List.of("ipmi-node2", "psu-node2"), "", Instant.parse("2026-11-21T10:00:00.123Z"),
            Instant.parse("2026-11-21T10:00:01.456Z"));

    @Test
    void fencingMessagesSurviveTheWire() {
        for (Message m : List.of(new Message.FenceHistory(true, List.of(EVENT)),
                new Message.FenceHistory(false, List.of(EVENT, new FenceEvent("node3", "reboot", "node1", "node2",
                        "FAILED", 0, List.of(), "level 1: device 'x' timed out", EVENT.started(), EVENT.finished()))),
                new Message.FenceAsk(7, "node2", "off", false, "node3"),
                new Message.FenceAsk(8, "node2", "off", true, "node3"),
                new Message.FenceAnswer(7, List.of()),
                new Message.FenceAnswer(8, List.of("'node2' is a member of the cluster")))) {
            assertEquals(m, MessageCodec.decode(MessageCodec.encode(m)));
        }
    }

    @Test
    void aTruncatedFencingHistoryIsRefused() {
        byte[] full = MessageCodec.encode(new Message.FenceHistory(true, List.of(EVENT)));
        for (int cut = 2; cut < full.length; cut += 7) {
            byte[] part = Arrays.copyOf(full, cut);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode(part));
            assertTrue(!e.getMessage().isBlank(), "says what is wrong");
        }
    }

    @Test
    void anEventKnowsWhetherTheTargetIsDown() {
        assertTrue(EVENT.isSuccess());
        assertTrue(new FenceEvent("n", "off", "a", "b", FenceEvent.CONFIRMED, 0, List.of(), "", EVENT.started(),
                EVENT.started()).isSuccess());
        assertEquals(false, new FenceEvent("n", "off", "a", "b", "TIMED_OUT", 0, List.of(), "timed out",
                EVENT.started(), EVENT.started()).isSuccess());
    }
}
