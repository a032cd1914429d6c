package dev.vigil.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.CibChange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The administration changes a non-DC node forwards to the DC survive the trip unchanged. */
class CibChangeCodecTest {
    static List<CibChange> changes() {
        return List.of(
                new CibChange.ResourceMetaSet("web", "target-role", "Stopped"),
                new CibChange.ResourceMetaSet("web", "target-role", null),
                new CibChange.NodeConfigAttributeSet("node1", "standby", "on"),
                new CibChange.NodeConfigAttributeSet("node1", "standby", null),
                new CibChange.ResourceCleanup("web", "node2"),
                new CibChange.ResourceCleanup(null, null),
                new CibChange.LocationConstraintSet("<rsc_location id=\"cli-prefer-web\" rsc=\"web\" role=\"Started\" "
                        + "node=\"n\u00e9ud\" score=\"INFINITY\"/>"),
                new CibChange.MoveConstraintsCleared("web", "node1"),
                new CibChange.MoveConstraintsCleared("web", null),
                new CibChange.ConfigurationElementDeleted("web"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void aChangeRequestRoundTrips(CibChange change) {
        Message m = new Message.ChangeRequest(42, change);
        assertEquals(m, MessageCodec.decode(MessageCodec.encode(m)));
    }

    @Test
    void aMissingRequiredFieldIsAMalformedMessageNotACrash() {
        byte[] bytes = MessageCodec.encode(new Message.ChangeRequest(1, new CibChange.ResourceCleanup(null, null)));
        // Same layout as a MoveConstraintsCleared (two nullable strings) but with the required resource absent.
        int typeAt = bytes.length - 3;
        assertEquals(7, bytes[typeAt]);
        bytes[typeAt] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode(bytes));
        assertTrue(e.getMessage().contains("resourceId"), e.getMessage());
    }

    @Test
    void aTruncatedChangeIsRefused() {
        byte[] bytes = MessageCodec.encode(new Message.ChangeRequest(1,
                new CibChange.ResourceMetaSet("web", "target-role", "Started")));
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode(Arrays.copyOf(bytes, bytes.length - 2)));
    }
}
