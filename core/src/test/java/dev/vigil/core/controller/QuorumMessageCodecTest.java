package dev.vigil.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumMessageCodecTest {

    @Test
    void quorumOverridesSurviveTheWire() {
        for (Message m : List.of(new Message.QuorumOverride(true, "root on node1", 1_795_300_000_123L),
                new Message.QuorumOverride(false, "uid 1000 on node2", 0))) {
            assertEquals(m, MessageCodec.decode(MessageCodec.encode(m)));
        }
    }

    @Test
    void aTruncatedOverrideIsRefused() {
        byte[] full = MessageCodec.encode(new Message.QuorumOverride(true, "root on node1", 42));
        for (int cut = 2; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode(part));
        }
    }
}
