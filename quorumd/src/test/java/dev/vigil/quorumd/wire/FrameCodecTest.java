package dev.vigil.quorumd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static Message roundTrip(Message m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.write(out, m);
        return FrameCodec.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static byte[] frame(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    private static ProtocolException refused(byte[] bytes) {
        return assertThrows(ProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(bytes)));
    }

    @Test
    void everyMessageSurvivesARoundTrip() throws IOException {
        List<Message> messages = List.of(
                new Hello(1, "c1", "node-1", 3),
                new Welcome(1, 1000, 3000),
                new Report(7, List.of("node-1", "node-2")),
                new Reply(7, true, 3000, List.of("node-1", "node-2"), "partition {node-1, node-2} holds the vote"),
                new Reply(8, false, 0, List.of(), "waiting"),
                new ErrorMessage("no"));
        for (Message m : messages) {
            assertEquals(m, roundTrip(m));
        }
    }

    @Test
    void theTypeIsNamedOnTheWire() {
        String json = new String(FrameCodec.encode(new Report(1, List.of("a"))), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"report\",\"seq\":1,\"members\":[\"a\"]}", json);
    }

    @Test
    void unknownFieldsFromNewerPeersAreIgnored() throws IOException {
        Message m = FrameCodec.read(new ByteArrayInputStream(frame(
                "{\"type\":\"report\",\"seq\":1,\"members\":[\"a\"],\"colour\":\"blue\"}")));
        assertEquals(new Report(1, List.of("a")), m);
    }

    @Test
    void oversizedAndEmptyFramesAreRefused() {
        byte[] huge = ByteBuffer.allocate(8).putInt(Protocol.MAX_FRAME_BYTES + 1).array();
        assertTrue(refused(huge).getMessage().contains("outside 1..65536"));
        assertTrue(refused(new byte[] {0, 0, 0, 0}).getMessage().contains("frame length 0"));
        ProtocolException http = refused("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(http.getMessage().contains("not a Vigil quorum peer"), http.getMessage());
    }

    @Test
    void truncatedFramesAreRefusedButACleanCloseIsEndOfStream() {
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(new byte[0])));
        byte[] full = frame("{\"type\":\"error\",\"message\":\"x\"}");
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
        assertTrue(refused(cut).getMessage().contains("closed in the middle"));
    }

    @Test
    void malformedMessagesAreRefusedWithTheReason() {
        assertTrue(refused(frame("not json")).getMessage().startsWith("malformed message"));
        assertTrue(refused(frame("{\"type\":\"launch\"}")).getMessage().contains("launch"));
        assertTrue(refused(frame("{\"seq\":1,\"members\":[\"a\"]}")).getMessage().contains("type"));
        assertTrue(refused(frame("{\"type\":\"report\",\"members\":[\"a\"]}")).getMessage().contains("seq"));
        assertTrue(refused(frame("{\"type\":\"report\",\"seq\":\"1\",\"members\":[\"a\"]}")).getMessage()
                .startsWith("malformed message"));
        assertTrue(refused(frame("{\"type\":\"report\",\"seq\":1,\"members\":[]}")).getMessage()
                .contains("1 to 1024 members"));
        assertTrue(refused(frame("{\"type\":\"report\",\"seq\":1,\"members\":[\"a\",\"a\"]}")).getMessage()
                .contains("twice"));
        assertTrue(refused(frame("{\"type\":\"hello\",\"version\":1,\"cluster\":\"c 1\",\"node\":\"a\",\"nodeId\":1}"))
                .getMessage().contains("cluster name 'c 1' is not valid"));
        assertTrue(refused(frame("{\"type\":\"report\",\"seq\":1,\"members\":[\"a\"]} trailing")).getMessage()
                .startsWith("malformed message"));
        assertTrue(refused(frame("null")).getMessage().contains("null"));
    }

    @Test
    void namesFollowHostNameRules() {
        assertEquals("db-1.example_site", Protocol.checkName("node name", "db-1.example_site"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.checkName("node name", "-a"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.checkName("node name", ""));
        assertThrows(IllegalArgumentException.class, () -> Protocol.checkName("node name", "a/b"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.checkName("node name", "a".repeat(254)));
    }
}
