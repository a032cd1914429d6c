package dev.vigil.cli.daemon.ipc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The control protocol's lines: parsing requests and answers, writing them. Every line is one
 * compact JSON value followed by {@code \n} (compact JSON never contains a raw newline).
 * Stateless and thread-safe.
 */
final class WireFormat {
    /** Longest request line the server reads (4 MiB); a longer one closes the connection. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireFormat() {
    }

    /** Parses one request line; every way it can be wrong is a {@link ControlException#BAD_REQUEST}. */
    static Request parseRequest(byte[] line, Peer peer) throws ControlException {
        JsonNode node = parseJson(line, "request");
        if (!node.isObject()) {
            throw badRequest("request must be a JSON object such as {\"op\":\"status\"}, got " + kind(node));
        }
        JsonNode op = node.get("op");
        if (op == null || op.isNull()) {
            throw badRequest("request has no \"op\"; expected {\"op\":\"NAME\",\"args\":{...}}");
        }
        if (!op.isTextual()) {
            throw badRequest("\"op\" must be a string, got " + kind(op));
        }
        if (op.textValue().isBlank()) {
            throw badRequest("\"op\" must not be empty");
        }
        JsonNode args = node.get("args");
        if (args != null && !args.isNull() && !args.isObject()) {
            throw badRequest("\"args\" must be a JSON object, got " + kind(args));
        }
        return new Request(op.textValue(), args, peer);
    }

    /** Parses one line as JSON; {@code what} names it in the message of the BAD_REQUEST. */
    static JsonNode parseJson(byte[] line, String what) throws ControlException {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw badRequest(what + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
    }

    /** The request line {@code {"op":OP,"args":ARGS}}, {@code args} left out when null. */
    static byte[] request(String op, JsonNode args) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("op", op);
        if (args != null) {
            node.set("args", args);
        }
        return line(node);
    }

    /** The answer line {@code {"ok":true,"result":RESULT}}. */
    static byte[] success(JsonNode result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ok", true);
        node.set("result", result == null ? NullNode.getInstance() : result);
        return line(node);
    }

    /** The answer line {@code {"ok":false,"error":MESSAGE,"code":CODE}}. */
    static byte[] failure(String code, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ok", false);
        node.put("error", message);
        node.put("code", code);
        return line(node);
    }

    /** {@link #failure(String, String)} with the exception's code and message. */
    static byte[] failure(ControlException e) {
        return failure(e.code(), e.getMessage());
    }

    /** "120 s", "1.5 s" or "200 ms", for messages. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static byte[] line(JsonNode node) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static ControlException badRequest(String message) {
        return new ControlException(ControlException.BAD_REQUEST, message);
    }
}
