package dev.vigil.core.controller;

import dev.vigil.core.model.CibVersion;
import dev.vigil.core.port.AttributeUpdate;
import dev.vigil.core.port.CibChange;
import dev.vigil.core.port.ExecStatus;
import dev.vigil.core.port.OcfStatus;
import dev.vigil.core.port.OperationRequest;
import dev.vigil.core.port.OperationResult;
import dev.vigil.core.port.ResourceAgentId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary encoding of {@link Message}s: a version byte, a type byte, then the fields. Operation
 * output is not sent (only the exit reason), so messages stay small. Decoding a malformed or
 * unknown message throws {@link IllegalArgumentException}; it never trusts a length it has not
 * checked against what is left. Stateless.
 */
public final class MessageCodec {
    private static final int VERSION = 1;
    private static final int MAX_STRING = 64 * 1024 * 1024;

    private MessageCodec() {
    }

    public static byte[] encode(Message m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (m instanceof Message.VersionQuery q) {
                out.writeByte(1);
                out.writeLong(q.round());
            } else if (m instanceof Message.VersionReply r) {
                out.writeByte(2);
                out.writeLong(r.round());
                writeVersion(out, r.version());
                str(out, r.bootId());
            } else if (m instanceof Message.FullRequest r) {
                out.writeByte(3);
                out.writeLong(r.round());
            } else if (m instanceof Message.FullReply r) {
                out.writeByte(4);
                out.writeLong(r.round());
                str(out, r.xml());
            } else if (m instanceof Message.Replica r) {
                out.writeByte(5);
                out.writeLong(r.seq());
                str(out, r.xml());
            } else if (m instanceof Message.ReplicaAck a) {
                out.writeByte(11);
                out.writeLong(a.seq());
            } else if (m instanceof Message.Announce a) {
                out.writeByte(12);
                str(out, a.bootId());
            } else if (m instanceof Message.Exec e) {
                out.writeByte(6);
                out.writeLong(e.id());
                writeRequest(out, e.request());
            } else if (m instanceof Message.Cancel c) {
                out.writeByte(7);
                str(out, c.resourceId());
                str(out, c.operationKey());
            } else if (m instanceof Message.ExecResult r) {
                out.writeByte(8);
                out.writeLong(r.id());
                writeResult(out, r.result());
            } else if (m instanceof Message.ChangeRequest c) {
                out.writeByte(9);
                out.writeLong(c.id());
                writeChange(out, c.change());
            } else if (m instanceof Message.ChangeReply c) {
                out.writeByte(10);
                out.writeLong(c.id());
                out.writeInt(c.problems().size());
                for (String p : c.problems()) {
                    str(out, p);
                }
            } else if (m instanceof Message.FenceHistory h) {
                out.writeByte(13);
                out.writeBoolean(h.fresh());
                out.writeInt(h.events().size());
                for (FenceEvent e : h.events()) {
                    writeFenceEvent(out, e);
                }
            } else if (m instanceof Message.FenceAsk a) {
                out.writeByte(14);
                out.writeLong(a.id());
                str(out, a.target());
                str(out, a.action());
                out.writeBoolean(a.confirm());
                str(out, a.origin());
            } else if (m instanceof Message.FenceAnswer a) {
                out.writeByte(15);
                out.writeLong(a.id());
                strings(out, a.problems());
            } else if (m instanceof Message.QuorumOverride q) {
                out.writeByte(16);
                out.writeBoolean(q.on());
                str(out, q.by());
                out.writeLong(q.atMillis());
            } else {
                throw new IllegalArgumentException("unknown message " + m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Message decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("message format " + version + " is not supported (expected "
                        + VERSION + "): is a peer running another Vigil version?");
            }
            int type = in.readUnsignedByte();
            Message m = switch (type) {
                case 1 -> new Message.VersionQuery(in.readLong());
                case 2 -> new Message.VersionReply(in.readLong(), readVersion(in), str(in));
                case 3 -> new Message.FullRequest(in.readLong());
                case 4 -> new Message.FullReply(in.readLong(), str(in));
                case 5 -> new Message.Replica(in.readLong(), str(in));
                case 6 -> new Message.Exec(in.readLong(), readRequest(in));
                case 7 -> new Message.Cancel(str(in), str(in));
                case 8 -> new Message.ExecResult(in.readLong(), readResult(in));
                case 9 -> new Message.ChangeRequest(in.readLong(), readChange(in));
                case 10 -> {
                    long id = in.readLong();
                    int n = count(in, 10_000);
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        problems.add(str(in));
                    }
                    yield new Message.ChangeReply(id, problems);
                }
                case 11 -> new Message.ReplicaAck(in.readLong());
                case 12 -> new Message.Announce(str(in));
                case 13 -> {
                    boolean fresh = in.readBoolean();
                    int n = count(in, 100_000);
                    List<FenceEvent> events = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        events.add(readFenceEvent(in));
                    }
                    yield new Message.FenceHistory(fresh, events);
                }
                case 14 -> new Message.FenceAsk(in.readLong(), str(in), str(in), in.readBoolean(), str(in));
                case 15 -> new Message.FenceAnswer(in.readLong(), strings(in));
                case 16 -> new Message.QuorumOverride(in.readBoolean(), str(in), in.readLong());
                default -> throw new IllegalArgumentException("unknown message type " + type);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException("message type " + type + " has " + in.available()
                        + " trailing bytes");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("malformed message: " + e, e);
        }
    }

    private static void writeFenceEvent(DataOutputStream out, FenceEvent e) throws IOException {
        for (String v : List.of(e.target(), e.action(), e.origin(), e.executioner(), e.status())) {
            str(out, v);
        }
        out.writeInt(e.level());
        strings(out, e.devices());
        str(out, e.error());
        out.writeLong(e.started().toEpochMilli());
        out.writeLong(e.finished().toEpochMilli());
    }

    private static FenceEvent readFenceEvent(DataInputStream in) throws IOException {
        return new FenceEvent(str(in), str(in), str(in), str(in), str(in), in.readInt(), strings(in), str(in),
                Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()));
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            str(out, v);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = count(in, 10_000);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(str(in));
        }
        return out;
    }

    private static void writeVersion(DataOutputStream out, CibVersion v) throws IOException {
        out.writeLong(v.adminEpoch());
        out.writeLong(v.epoch());
        out.writeLong(v.numUpdates());
    }

    private static CibVersion readVersion(DataInputStream in) throws IOException {
        return new CibVersion(in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeRequest(DataOutputStream out, OperationRequest r) throws IOException {
        str(out, r.resourceId());
        str(out, r.agent().toString());
        str(out, r.action());
        out.writeLong(r.interval().toMillis());
        out.writeLong(r.timeout().toMillis());
        map(out, r.params());
        map(out, r.meta());
        out.writeInt(r.checkLevel());
    }

    private static OperationRequest readRequest(DataInputStream in) throws IOException {
        return new OperationRequest(str(in), ResourceAgentId.parse(str(in)), str(in), Duration.ofMillis(in.readLong()),
                Duration.ofMillis(in.readLong()), map(in), map(in), in.readInt());
    }

    private static void writeResult(DataOutputStream out, OperationResult r) throws IOException {
        writeRequest(out, r.request());
        str(out, r.execStatus().name());
        str(out, r.status().name());
        out.writeInt(r.exitCode());
        str(out, r.exitReason());
        out.writeLong(r.started().toEpochMilli());
        out.writeLong(r.duration().toMillis());
        out.writeInt(r.attributeUpdates().size());
        for (AttributeUpdate u : r.attributeUpdates()) {
            str(out, u.name());
            nullable(out, u.value());
            str(out, u.lifetime());
            nullable(out, u.node());
        }
    }

    private static OperationResult readResult(DataInputStream in) throws IOException {
        OperationRequest request = readRequest(in);
        ExecStatus exec = ExecStatus.valueOf(str(in));
        OcfStatus status = OcfStatus.valueOf(str(in));
        int code = in.readInt();
        String reason = str(in);
        Instant started = Instant.ofEpochMilli(in.readLong());
        Duration duration = Duration.ofMillis(in.readLong());
        int n = count(in, 10_000);
        List<AttributeUpdate> updates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            updates.add(new AttributeUpdate(str(in), nullable(in), str(in), nullable(in)));
        }
        return new OperationResult(request, exec, status, code, reason, "", "", false, started, duration, updates);
    }

    private static void writeChange(DataOutputStream out, CibChange c) throws IOException {
        if (c instanceof CibChange.ConfigurationReplaced r) {
            out.writeByte(1);
            str(out, r.cibXml());
        } else if (c instanceof CibChange.ConfigurationModified m) {
            out.writeByte(2);
            str(out, m.fragmentXml());
        } else if (c instanceof CibChange.ConfigurationElementDeleted d) {
            out.writeByte(3);
            str(out, d.id());
        } else if (c instanceof CibChange.NodeAttributesChanged a) {
            out.writeByte(4);
            str(out, a.node());
            out.writeInt(a.values().size());
            for (Map.Entry<String, String> e : a.values().entrySet()) {
                str(out, e.getKey());
                nullable(out, e.getValue());
            }
        } else if (c instanceof CibChange.ResourceMetaSet s) {
            fields(out, 5, s.resourceId(), s.name(), s.value());
        } else if (c instanceof CibChange.NodeConfigAttributeSet s) {
            fields(out, 6, s.node(), s.name(), s.value());
        } else if (c instanceof CibChange.ResourceCleanup r) {
            fields(out, 7, r.resourceId(), r.node());
        } else if (c instanceof CibChange.LocationConstraintSet l) {
            fields(out, 8, l.constraintXml());
        } else if (c instanceof CibChange.MoveConstraintsCleared m) {
            fields(out, 9, m.resourceId(), m.node());
        } else if (c instanceof CibChange.NodeFenced f) {
            fields(out, 10, f.node());
        } else if (c instanceof CibChange.Attributed a) {
            fields(out, 11, a.user(), a.client(), a.origin(), a.expectedEpoch());
            writeChange(out, a.change());
        } else {
            throw new IllegalArgumentException("change " + c.getClass().getSimpleName()
                    + " is made by the DC itself and never requested over the network");
        }
    }

    private static CibChange readChange(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        return switch (type) {
            case 1 -> new CibChange.ConfigurationReplaced(str(in));
            case 2 -> new CibChange.ConfigurationModified(str(in));
            case 3 -> new CibChange.ConfigurationElementDeleted(str(in));
            case 4 -> {
                String node = str(in);
                int n = count(in, 10_000);
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    values.put(str(in), nullable(in));
                }
                yield new CibChange.NodeAttributesChanged(node, values);
            }
            case 5 -> new CibChange.ResourceMetaSet(nullable(in), nullable(in), nullable(in));
            case 6 -> new CibChange.NodeConfigAttributeSet(nullable(in), nullable(in), nullable(in));
            case 7 -> new CibChange.ResourceCleanup(nullable(in), nullable(in));
            case 8 -> new CibChange.LocationConstraintSet(nullable(in));
            case 9 -> new CibChange.MoveConstraintsCleared(nullable(in), nullable(in));
            case 10 -> new CibChange.NodeFenced(nullable(in));
            case 11 -> {
                String user = nullable(in);
                String client = nullable(in);
                String origin = nullable(in);
                String expected = nullable(in);
                CibChange inner = readChange(in);
                if (inner instanceof CibChange.Attributed) {
                    throw new IllegalArgumentException("an attributed change inside another");
                }
                yield new CibChange.Attributed(inner, user, client, origin, expected);
            }
            default -> throw new IllegalArgumentException("unknown change type " + type);
        };
    }

    /** A change's type byte, then its string fields, each nullable (the record's constructor checks required ones). */
    private static void fields(DataOutputStream out, int type, String... values) throws IOException {
        out.writeByte(type);
        for (String v : values) {
            nullable(out, v);
        }
    }

    private static void map(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
            str(out, e.getKey());
            str(out, e.getValue());
        }
    }

    private static Map<String, String> map(DataInputStream in) throws IOException {
        int n = count(in, 100_000);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(str(in), str(in));
        }
        return m;
    }

    private static void nullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            str(out, s);
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? str(in) : null;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING || n > in.available()) {
            throw new IllegalArgumentException("string length " + n + " is out of bounds");
        }
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("element count " + n + " is out of bounds");
        }
        return n;
    }
}
