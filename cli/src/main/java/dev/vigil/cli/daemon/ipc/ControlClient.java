package dev.vigil.cli.daemon.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection to a running {@code vigild}'s control socket, used by the {@code vigil} commands.
 * Every failure is a {@link ControlException}: the daemon's own errors keep its code; an
 * unreachable daemon is {@link ControlException#UNAVAILABLE} (or {@link ControlException#PERMISSION_DENIED}),
 * a call that gets no answer in time is {@link ControlException#TIMEOUT} and closes the connection.
 *
 * <p>Threading: thread-safe; calls are serialised (one request in flight per connection).
 * {@link #close()} may be called from any thread; a call waiting at that moment fails with
 * {@link ControlException#UNAVAILABLE}.
 */
public final class ControlClient implements AutoCloseable {
    /** Default per-call timeout: a little longer than the server's request timeout, so its TIMEOUT wins. */
    public static final Duration DEFAULT_CALL_TIMEOUT = ControlServerOptions.DEFAULT_REQUEST_TIMEOUT.plusSeconds(10);
    /** Longest answer accepted (64 MiB; a CIB with a long status history fits comfortably). */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private final Path socketPath;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final Duration callTimeout;
    private final LineBuffer lines = new LineBuffer(MAX_ANSWER_BYTES);
    private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

    private ControlClient(Path socketPath, SocketChannel channel, Duration callTimeout) throws IOException {
        this.socketPath = socketPath;
        this.channel = channel;
        this.callTimeout = callTimeout;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    /** Connects with {@link #DEFAULT_CALL_TIMEOUT}. */
    public static ControlClient connect(Path socketPath) throws ControlException {
        return connect(socketPath, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Connects to the daemon listening on {@code socketPath}.
     *
     * @param callTimeout how long each {@link #call} waits for its answer
     * @throws ControlException saying why the daemon cannot be reached and what to do
     */
    public static ControlClient connect(Path socketPath, Duration callTimeout) throws ControlException {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
        SocketFile.checkLength(socketPath);
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            return new ControlClient(socketPath, channel, callTimeout);
        } catch (IOException e) {
            closeQuietly(channel);
            throw unreachable(socketPath, e);
        }
    }

    /** Calls {@code op} without arguments. */
    public JsonNode call(String op) throws ControlException {
        return call(op, null);
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @param args the arguments object, or {@code null} for none
     * @return the {@code result} of a successful answer (JSON null when the daemon sent none)
     * @throws ControlException the daemon's error, or why no answer arrived
     */
    public synchronized JsonNode call(String op, JsonNode args) throws ControlException {
        Objects.requireNonNull(op, "op");
        if (!channel.isOpen()) {
            throw new ControlException(ControlException.UNAVAILABLE,
                    "the connection to vigild at " + socketPath + " is closed");
        }
        long deadline = System.nanoTime() + callTimeout.toNanos();
        IOException writeFailure = null;
        try {
            write(op, ByteBuffer.wrap(WireFormat.request(op, args)), deadline);
        } catch (IOException e) {
            // The daemon may have answered (refused us) and closed before reading everything:
            // its answer is still readable, and more useful than "broken pipe".
            writeFailure = e;
        } catch (ControlException e) {
            close();
            throw e;
        }
        byte[] line = readAnswer(op, deadline, writeFailure);
        return interpret(op, line);
    }

    /** The socket this client is connected to. */
    public Path socketPath() {
        return socketPath;
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        closeQuietly(channel);
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing useful to do: the channel is closed already.
        }
    }

    private byte[] readAnswer(String op, long deadline, IOException writeFailure) throws ControlException {
        try {
            byte[] line = readLine(op, deadline);
            if (line != null) {
                return line;
            }
            close();
            throw new ControlException(ControlException.UNAVAILABLE, "vigild at " + socketPath
                    + " closed the connection without answering '" + op + "'", writeFailure);
        } catch (LineTooLongException e) {
            close();
            throw new ControlException(ControlException.INTERNAL, "vigild at " + socketPath + " sent an answer to '"
                    + op + "' longer than " + MAX_ANSWER_BYTES + " bytes", e);
        } catch (IOException e) {
            close();
            IOException cause = writeFailure != null ? writeFailure : e;
            String why = cause instanceof ClosedChannelException ? "the connection was closed"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new ControlException(ControlException.UNAVAILABLE, "lost the connection to vigild at " + socketPath
                    + " during '" + op + "': " + why, cause);
        } catch (ControlException e) {
            close();
            throw e;
        }
    }

    private JsonNode interpret(String op, byte[] line) throws ControlException {
        JsonNode answer;
        try {
            answer = WireFormat.parseJson(line, "answer");
        } catch (ControlException e) {
            throw malformed(op, e.getMessage());
        }
        JsonNode ok = answer.get("ok");
        if (ok == null || !ok.isBoolean()) {
            throw malformed(op, "no boolean \"ok\"");
        }
        if (ok.booleanValue()) {
            JsonNode result = answer.get("result");
            return result == null ? NullNode.getInstance() : result;
        }
        String code = answer.path("code").asText(ControlException.INTERNAL);
        String error = answer.path("error").asText("vigild reported an error without a message");
        throw new ControlException(code.isEmpty() ? ControlException.INTERNAL : code, error);
    }

    private ControlException malformed(String op, String problem) {
        close();
        return new ControlException(ControlException.INTERNAL, "vigild at " + socketPath
                + " sent a malformed answer to '" + op + "': " + problem);
    }

    private void write(String op, ByteBuffer buffer, long deadline) throws IOException, ControlException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(op, SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    /** The next answer line, or {@code null} at end of stream. */
    private byte[] readLine(String op, long deadline) throws IOException, ControlException {
        while (true) {
            byte[] line = lines.nextLine();
            if (line != null) {
                return line;
            }
            chunk.clear();
            int count = channel.read(chunk);
            if (count < 0) {
                return null;
            }
            if (count == 0) {
                await(op, SelectionKey.OP_READ, deadline);
            } else {
                chunk.flip();
                lines.append(chunk);
            }
        }
    }

    /** Waits until {@code operation} is possible, or throws TIMEOUT once {@code deadline} has passed. */
    private void await(String op, int operation, long deadline) throws IOException, ControlException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new ControlException(ControlException.TIMEOUT, "vigild at " + socketPath
                    + " did not answer '" + op + "' within " + WireFormat.describe(callTimeout));
        }
        try {
            key.interestOps(operation);
            selector.select(Math.max(1, Duration.ofNanos(remaining).toMillis()));
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException | CancelledKeyException e) {
            // close() from another thread while this call waited.
            throw new AsynchronousCloseException();
        }
    }

    /** Explains a failed connect; package-private for tests (root cannot provoke EACCES). */
    static ControlException unreachable(Path path, IOException e) {
        String prefix = "cannot reach vigild at " + path + ": ";
        if (e instanceof ConnectException) {
            boolean socket = isSocket(path);
            return new ControlException(ControlException.UNAVAILABLE, prefix + (socket
                    ? "nothing is listening (vigild is not running)"
                    : "it is not a socket (check the control socket path)"), e);
        }
        // Classify by the file system, not by the (localised) error text.
        if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new ControlException(ControlException.UNAVAILABLE, prefix
                    + "no such socket (is vigild running? start it with 'vigil daemon -c /etc/vigil/ha.cf')", e);
        }
        return new ControlException(ControlException.PERMISSION_DENIED, prefix
                + "permission denied (only root and members of the haclient group may use it)", e);
    }

    private static boolean isSocket(Path path) {
        try {
            return SocketFile.isSocket(path);
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a local socket cannot lose data we care about.
        }
    }
}
