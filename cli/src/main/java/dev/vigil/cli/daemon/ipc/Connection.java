package dev.vigil.cli.daemon.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one accepted control connection: identifies the peer, applies the access policy, then
 * answers request lines one at a time until the peer disconnects, idles out or the server closes.
 * Runs entirely on one connection thread; the idle timer (on the server's timer thread) only
 * closes the channel, which unblocks that thread.
 */
final class Connection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int READ_CHUNK = 64 * 1024;

    private final SocketChannel channel;
    private final long id;
    private final RequestHandler handler;
    private final AccessPolicy policy;
    private final ControlServerOptions options;
    private final ScheduledExecutorService timer;
    private volatile boolean idledOut;

    Connection(SocketChannel channel, long id, RequestHandler handler, AccessPolicy policy,
            ControlServerOptions options, ScheduledExecutorService timer) {
        this.channel = channel;
        this.id = id;
        this.handler = handler;
        this.policy = policy;
        this.options = options;
        this.timer = timer;
    }

    @Override
    public void run() {
        try {
            Peer peer = identify();
            if (peer == null) {
                return;
            }
            boolean admitted = policy.admits(peer);
            if (admitted) {
                LOG.debug("control connection {} from user '{}' (uid {})", id, peer.user(), peer.uid());
            } else {
                LOG.warn("refused control connection from user '{}' (uid {}): not root and not in group {}",
                        peer.user(), peer.uid(), AccessPolicy.ADMIN_GROUP);
            }
            serve(peer, admitted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedChannelException e) {
            LOG.debug("control connection {} closed{}", id, idledOut ? " after being idle too long" : "");
        } catch (IOException e) {
            LOG.debug("control connection {} failed: {}", id, e.toString());
        } finally {
            closeQuietly();
        }
    }

    /** The peer, or {@code null} (after answering INTERNAL) when it cannot be identified. */
    private Peer identify() throws IOException {
        try {
            UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return options.accounts().resolve(principal.user().getName(), principal.group().getName());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot identify the user of control connection {}: {}", id, e.toString());
            send(WireFormat.failure(ControlException.INTERNAL,
                    "vigild cannot identify the connecting user: " + e.getMessage()));
            return null;
        }
    }

    private void serve(Peer peer, boolean admitted) throws IOException, InterruptedException {
        ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
        LineBuffer lines = new LineBuffer(WireFormat.MAX_REQUEST_BYTES);
        while (true) {
            byte[] line;
            try {
                line = lines.nextLine();
            } catch (LineTooLongException e) {
                LOG.debug("control connection {}: request line too long", id);
                send(WireFormat.failure(ControlException.BAD_REQUEST, "request line is longer than "
                        + WireFormat.MAX_REQUEST_BYTES + " bytes (4 MiB); closing the connection"));
                return;
            }
            if (line == null) {
                if (!fill(chunk, lines)) {
                    return;
                }
            } else if (!isBlank(line)) {
                if (!admitted) {
                    send(WireFormat.failure(ControlException.PERMISSION_DENIED, policy.refusal(peer)));
                    return;
                }
                send(answer(line, peer));
            }
        }
    }

    /** Reads more bytes into {@code lines}; false at end of stream. */
    private boolean fill(ByteBuffer chunk, LineBuffer lines) throws IOException {
        chunk.clear();
        ScheduledFuture<?> deadline = startIdleTimer();
        int count;
        try {
            count = channel.read(chunk);
        } finally {
            deadline.cancel(false);
        }
        if (count < 0) {
            return false;
        }
        chunk.flip();
        lines.append(chunk);
        return true;
    }

    private void send(byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        ScheduledFuture<?> deadline = startIdleTimer();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private byte[] answer(byte[] line, Peer peer) throws InterruptedException {
        try {
            Request request = WireFormat.parseRequest(line, peer);
            return WireFormat.success(invoke(request));
        } catch (ControlException e) {
            return WireFormat.failure(e);
        }
    }

    private JsonNode invoke(Request request) throws ControlException, InterruptedException {
        String op = request.op();
        CompletableFuture<JsonNode> future;
        try {
            future = handler.handle(request);
        } catch (RuntimeException e) {
            throw internal(op, e);
        }
        if (future == null) {
            throw internal(op, new IllegalStateException("the handler returned no future"));
        }
        try {
            return future.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("control operation '{}' did not finish within {}", op, WireFormat.describe(options.requestTimeout()));
            throw new ControlException(ControlException.TIMEOUT, "operation '" + op + "' did not finish within "
                    + WireFormat.describe(options.requestTimeout()));
        } catch (CancellationException e) {
            throw new ControlException(ControlException.UNAVAILABLE, "operation '" + op + "' was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof ControlException control) {
                throw control;
            }
            throw internal(op, cause);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ControlException internal(String op, Throwable cause) {
        LOG.warn("control operation '{}' failed", op, cause);
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new ControlException(ControlException.INTERNAL, message, cause);
    }

    /** Closes the channel unless cancelled within the idle timeout. */
    private ScheduledFuture<?> startIdleTimer() throws ClosedChannelException {
        try {
            return timer.schedule(() -> {
                idledOut = true;
                closeQuietly();
            }, options.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The server is closing.
            closeQuietly();
            throw new ClosedChannelException();
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing control connection {}: {}", id, e.toString());
        }
    }
}
