package dev.vigil.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class FrameTest {

    private static final SecretKey KEY = ClusterKeys.derive(TestCluster.key(1)).macKey();
    private static final SecretKey OTHER_KEY = ClusterKeys.derive(TestCluster.key(2)).macKey();
    private static final Frame FRAME = new Frame("node-ä", 42L, 7L, "b", "hello".getBytes(StandardCharsets.UTF_8));

    @Test
    void decodesWhatItEncoded() {
        byte[] bytes = FRAME.encode(KEY, "c1");
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        Frame decoded = Frame.decode(padded, 5, bytes.length, KEY, "c1").orElseThrow();
        assertEquals("node-ä", decoded.sender());
        assertEquals(42L, decoded.incarnation());
        assertEquals(7L, decoded.sequence());
        assertEquals("b", decoded.target());
        assertArrayEquals(FRAME.payload(), decoded.payload());
    }

    @Test
    void rejectsAnotherKeyOrClusterName() {
        byte[] bytes = FRAME.encode(KEY, "c1");
        assertEquals(Optional.empty(), Frame.decode(bytes, 0, bytes.length, OTHER_KEY, "c1"));
        assertEquals(Optional.empty(), Frame.decode(bytes, 0, bytes.length, KEY, "c2"));
    }

    @Test
    void rejectsEveryFlippedBitAndEveryTruncation() {
        byte[] bytes = FRAME.encode(KEY, "c1");
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertTrue(Frame.decode(tampered, 0, tampered.length, KEY, "c1").isEmpty(), "byte " + i);
            }
            assertTrue(Frame.decode(Arrays.copyOf(bytes, i), 0, i, KEY, "c1").isEmpty(), "length " + i);
        }
    }

    @Test
    void rejectsGarbageWithoutThrowing() {
        byte[] garbage = new byte[200];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = 1;
        assertTrue(Frame.decode(garbage, 0, garbage.length, KEY, "c1").isEmpty());
    }
}
