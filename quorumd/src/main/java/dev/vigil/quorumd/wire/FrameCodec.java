package dev.vigil.quorumd.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Reads and writes {@link Message} frames: a 4-byte big-endian payload length (1 to
 * {@value Protocol#MAX_FRAME_BYTES}) followed by the UTF-8 JSON payload. Thread-safe (stateless).
 */
public final class FrameCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer peers may add fields
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private FrameCodec() {
    }

    /**
     * Reads one message, blocking.
     *
     * @throws EOFException      the peer closed the connection between two frames
     * @throws ProtocolException the bytes are not a valid frame or message
     */
    public static Message read(InputStream in) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            throw new EOFException("connection closed by peer");
        }
        byte[] rest = new byte[3];
        readFully(data, rest, "frame length");
        int length = (first << 24) | ((rest[0] & 0xff) << 16) | ((rest[1] & 0xff) << 8) | (rest[2] & 0xff);
        if (length <= 0 || length > Protocol.MAX_FRAME_BYTES) {
            throw new ProtocolException("frame length " + Integer.toUnsignedString(length) + " is outside 1.."
                    + Protocol.MAX_FRAME_BYTES + " bytes (not a Vigil quorum peer, or a corrupted stream)");
        }
        byte[] payload = new byte[length];
        readFully(data, payload, "frame of " + length + " bytes");
        return decode(payload);
    }

    /** Writes one message as a single frame and flushes. */
    public static void write(OutputStream out, Message message) throws IOException {
        byte[] payload = encode(message);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length);
        frame.putInt(payload.length).put(payload);
        out.write(frame.array());
        out.flush();
    }

    /** The JSON payload of {@code message}. */
    public static byte[] encode(Message message) {
        try {
            byte[] payload = JSON.writerFor(Message.class).writeValueAsBytes(message);
            if (payload.length > Protocol.MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("message is " + payload.length + " bytes; at most "
                        + Protocol.MAX_FRAME_BYTES + " fit in a frame");
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName() + ": " + e, e);
        }
    }

    /** Parses a JSON payload. */
    public static Message decode(byte[] payload) throws ProtocolException {
        try {
            Message m = JSON.readValue(payload, Message.class);
            if (m == null) {
                throw new ProtocolException("empty message (JSON null)");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new ProtocolException("malformed message: " + summary(e), e);
        } catch (IOException e) {
            throw new ProtocolException("unreadable message: " + e.getMessage(), e);
        }
    }

    private static void readFully(DataInputStream in, byte[] buf, String what) throws IOException {
        try {
            in.readFully(buf);
        } catch (EOFException e) {
            throw new ProtocolException("connection closed in the middle of a " + what);
        }
    }

    /** The first line of Jackson's message, or the validation message of a record. */
    private static String summary(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            return iae.getMessage();
        }
        String text = e.getOriginalMessage();
        if (text == null) {
            text = e.toString();
        }
        int nl = text.indexOf('\n');
        text = nl < 0 ? text : text.substring(0, nl);
        int source = text.indexOf(" (start marker at [Source");
        text = source < 0 ? text : text.substring(0, source);
        text = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            text += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return text;
    }
}
