package dev.vigil.cli.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTest {
    private static void feed(LineBuffer buffer, String text) {
        buffer.append(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertLine(String expected, byte[] actual) {
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), actual);
    }

    @Test
    void joinsLinesSplitAcrossReadsAndSplitsSeveralInOneRead() throws Exception {
        LineBuffer buffer = new LineBuffer(100);
        feed(buffer, "{\"op\":");
        assertNull(buffer.nextLine());
        feed(buffer, "\"a\"}\n{\"op\":\"b\"}\r\n\n{\"op\"");
        assertLine("{\"op\":\"a\"}", buffer.nextLine());
        assertLine("{\"op\":\"b\"}", buffer.nextLine());
        assertLine("", buffer.nextLine());
        assertNull(buffer.nextLine());
        feed(buffer, ":\"c\"}\n");
        assertLine("{\"op\":\"c\"}", buffer.nextLine());
    }

    @Test
    void acceptsALineOfExactlyTheLimit() throws Exception {
        LineBuffer buffer = new LineBuffer(10);
        feed(buffer, "0123456789\r\n0123456789\n");
        assertLine("0123456789", buffer.nextLine());
        assertLine("0123456789", buffer.nextLine());
    }

    @Test
    void refusesALongerLineEvenBeforeItsNewlineArrives() throws Exception {
        LineBuffer complete = new LineBuffer(10);
        feed(complete, "0123456789A\n");
        assertThrows(LineTooLongException.class, complete::nextLine);

        LineBuffer endless = new LineBuffer(10);
        feed(endless, "0123456789A");
        assertNull(endless.nextLine(), "might still be 10 bytes + \\r\\n");
        feed(endless, "B");
        assertThrows(LineTooLongException.class, endless::nextLine);
    }

    @Test
    void keepsEveryLineIntactWhileGrowingAndCompacting() throws Exception {
        StringBuilder stream = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String line = Integer.toString(i).repeat(1 + (i * 7919) % 20_000);
            lines.add(line);
            stream.append(line).append('\n');
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        LineBuffer buffer = new LineBuffer(100_000);
        List<String> received = new ArrayList<>();
        int chunk = 1;
        for (int offset = 0; offset < bytes.length; offset += chunk, chunk = chunk * 3 % 65_537 + 1) {
            buffer.append(ByteBuffer.wrap(bytes, offset, Math.min(chunk, bytes.length - offset)));
            for (byte[] line = buffer.nextLine(); line != null; line = buffer.nextLine()) {
                received.add(new String(line, StandardCharsets.UTF_8));
            }
        }
        assertEquals(lines, received);
    }
}
