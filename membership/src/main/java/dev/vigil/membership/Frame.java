package dev.vigil.membership;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * One application message as it travels on every link: who sent it (name and incarnation), its
 * per-sender sequence number, whom it is for, the payload, and an HMAC-SHA256 over all of it and
 * the cluster name. The MAC is Vigil's own check, independent of how the JGroups stack is
 * configured: a frame whose MAC does not verify is never delivered. Immutable.
 *
 * <p>Layout: {@code version(1) incarnation(8) sequence(8) senderLen(2) sender targetLen(2)
 * target payloadLen(4) payload mac(32)}; strings are UTF-8, an empty target means "everyone".
 *
 * @param incarnation random per {@link JGroupsMembership} instance, so a restarted node starts
 *        a fresh sequence
 * @param sequence per-sender counter, from 1
 * @param target the addressed node, or empty for a broadcast
 */
record Frame(String sender, long incarnation, long sequence, String target, byte[] payload) {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;

    Frame {
        payload = payload.clone();
    }

    boolean isBroadcast() {
        return target.isEmpty();
    }

    /** The frame's bytes, MAC included. */
    byte[] encode(SecretKey macKey, String clusterName) {
        byte[] senderBytes = sender.getBytes(StandardCharsets.UTF_8);
        byte[] targetBytes = target.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(1 + 8 + 8 + 2 + senderBytes.length + 2 + targetBytes.length
                + 4 + payload.length + MAC_BYTES);
        buf.put(VERSION).putLong(incarnation).putLong(sequence)
                .putShort((short) senderBytes.length).put(senderBytes)
                .putShort((short) targetBytes.length).put(targetBytes)
                .putInt(payload.length).put(payload);
        buf.put(mac(macKey, clusterName, buf.array(), buf.position()));
        return buf.array();
    }

    /**
     * The frame in {@code bytes[offset, offset+length)}, or empty if it is malformed or its MAC does
     * not verify with {@code macKey}.
     */
    static Optional<Frame> decode(byte[] bytes, int offset, int length, SecretKey macKey, String clusterName) {
        if (length < 1 + 8 + 8 + 2 + 2 + 4 + MAC_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length).slice();
        try {
            if (buf.get() != VERSION) {
                return Optional.empty();
            }
            long incarnation = buf.getLong();
            long sequence = buf.getLong();
            String sender = readString(buf);
            String target = readString(buf);
            int payloadLength = buf.getInt();
            if (payloadLength < 0 || payloadLength != buf.remaining() - MAC_BYTES) {
                return Optional.empty();
            }
            byte[] payload = new byte[payloadLength];
            buf.get(payload);
            int signedLength = buf.position();
            byte[] claimed = new byte[MAC_BYTES];
            buf.get(claimed);
            byte[] signed = new byte[signedLength];
            buf.get(0, signed);
            if (!MessageDigest.isEqual(claimed, mac(macKey, clusterName, signed, signedLength))) {
                return Optional.empty();
            }
            return Optional.of(new Frame(sender, incarnation, sequence, target, payload));
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String readString(ByteBuffer buf) {
        int length = Short.toUnsignedInt(buf.getShort());
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] mac(SecretKey key, String clusterName, byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(clusterName.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
