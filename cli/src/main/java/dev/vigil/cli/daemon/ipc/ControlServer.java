package dev.vigil.cli.daemon.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: accepts local connections on a Unix domain socket and answers
 * newline-delimited JSON requests (see the package description) through a {@link RequestHandler}.
 *
 * <p>Lifecycle: {@link #start} binds and starts serving; {@link #close()} stops accepting, closes
 * open connections, stops the threads and removes the socket file. Close is idempotent.
 *
 * <p>Threading: thread-safe. The server owns its threads, all daemon threads: one acceptor
 * ({@code vigil-ipc-accept}), at most {@link ControlServerOptions#maxConnections()} connection
 * threads ({@code vigil-ipc-conn-N}, one per open connection; a connection beyond the limit is
 * answered {@link ControlException#UNAVAILABLE} and closed) and one timer ({@code vigil-ipc-timer})
 * for idle timeouts. The handler is called on connection threads.
 */
public final class ControlServer implements AutoCloseable {
    /** Where {@code vigild} listens unless configured otherwise. */
    public static final Path DEFAULT_SOCKET_PATH = Path.of("/run/vigil/vigil.sock");

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Object socketFileKey;
    private final RequestHandler handler;
    private final AccessPolicy policy;
    private final ControlServerOptions options;
    private final Semaphore slots;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> ownThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService connections;
    private final ScheduledThreadPoolExecutor timer;
    private final Thread acceptor;

    private ControlServer(Path socketPath, ServerSocketChannel server, RequestHandler handler, AccessPolicy policy,
            ControlServerOptions options) {
        this.socketPath = socketPath;
        this.server = server;
        this.socketFileKey = SocketFile.fileKey(socketPath);
        this.handler = handler;
        this.policy = policy;
        this.options = options;
        int max = options.maxConnections();
        this.slots = new Semaphore(max);
        // Fixed pool + unbounded queue, gated by the semaphore: never more than `max` tasks exist,
        // and a task is never refused just because a finishing thread has not returned to the pool.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("vigil-ipc-conn-"));
        pool.allowCoreThreadTimeOut(true);
        this.connections = pool;
        this.timer = new ScheduledThreadPoolExecutor(1, threads("vigil-ipc-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.acceptor = threads("vigil-ipc-accept").newThread(this::acceptLoop);
    }

    /** Starts a server with {@link ControlServerOptions#defaults()}; see the other overload. */
    public static ControlServer start(Path socketPath, RequestHandler handler, AccessPolicy policy)
            throws IOException {
        return start(socketPath, handler, policy, ControlServerOptions.defaults());
    }

    /**
     * Binds {@code socketPath} and starts serving. Creates a missing parent directory (mode 0750),
     * replaces a stale socket file nobody listens on, and leaves the socket mode 0660, group
     * {@value AccessPolicy#ADMIN_GROUP} when that group exists.
     *
     * @throws IllegalArgumentException if the path is too long for a Unix socket
     * @throws IOException if another daemon listens on the path ("another vigild is already
     *     running on PATH"), the path is not a socket, or binding fails
     */
    public static ControlServer start(Path socketPath, RequestHandler handler, AccessPolicy policy,
            ControlServerOptions options) throws IOException {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(options, "options");
        SocketFile.checkLength(socketPath);
        SocketFile.prepare(socketPath);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socketPath), options.maxConnections() * 4);
            SocketFile.restrict(socketPath);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(socketPath);
            throw new IOException("cannot listen on control socket " + socketPath + ": " + e.getMessage(), e);
        }
        ControlServer server = new ControlServer(socketPath, channel, handler, policy, options);
        server.acceptor.start();
        LOG.info("control socket listening on {}", socketPath);
        return server;
    }

    /** The path this server listens on. */
    public Path socketPath() {
        return socketPath;
    }

    /** Whether {@link #close()} has not been called yet. */
    public boolean isOpen() {
        return !closed.get();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closed.get()) {
                    break;
                }
                // E.g. out of file descriptors: back off briefly instead of spinning.
                LOG.warn("accepting on control socket {} failed: {}", socketPath, e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            dispatch(channel);
        }
    }

    private void dispatch(SocketChannel channel) {
        if (!slots.tryAcquire()) {
            LOG.warn("refused a control connection: all {} connections are in use", options.maxConnections());
            refuse(channel, "vigild is already serving " + options.maxConnections()
                    + " control connections; try again shortly");
            return;
        }
        open.add(channel);
        Connection connection = new Connection(channel, connectionIds.incrementAndGet(), handler, policy, options,
                timer);
        try {
            connections.execute(() -> {
                try {
                    connection.run();
                } finally {
                    open.remove(channel);
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            open.remove(channel);
            slots.release();
            refuse(channel, "vigild is shutting down");
        }
    }

    /** Answers UNAVAILABLE and closes; the answer fits any socket buffer, so this never blocks long. */
    private static void refuse(SocketChannel channel, String message) {
        try (channel) {
            ByteBuffer answer = ByteBuffer.wrap(WireFormat.failure(ControlException.UNAVAILABLE, message));
            while (answer.hasRemaining()) {
                channel.write(answer);
            }
        } catch (IOException e) {
            LOG.debug("could not refuse a control connection: {}", e.toString());
        }
    }

    /**
     * Stops accepting, closes every open connection (requests in progress get no answer), stops
     * the threads (waiting up to 5 s unless called from one of them) and removes the socket file
     * if it is still the one this server bound. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing control socket {}: {}", socketPath, e.toString());
        }
        removeSocketFile();
        boolean selfCall = ownThreads.contains(Thread.currentThread());
        if (!selfCall) {
            join(acceptor);
        }
        for (SocketChannel channel : open) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a control connection: {}", e.toString());
            }
        }
        connections.shutdownNow();
        timer.shutdownNow();
        if (!selfCall) {
            awaitTermination();
        }
        LOG.info("control socket {} closed", socketPath);
    }

    private void removeSocketFile() {
        Object key = SocketFile.fileKey(socketPath);
        if (key == null || !key.equals(socketFileKey)) {
            LOG.debug("control socket {} is gone or belongs to someone else; leaving it", socketPath);
            return;
        }
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.warn("cannot remove control socket {}: {}", socketPath, e.toString());
        }
    }

    private void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTermination() {
        try {
            if (!connections.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
                    || !timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("control socket {}: threads still running {} s after close", socketPath, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        boolean numbered = prefix.endsWith("-");
        return task -> {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    ownThreads.remove(Thread.currentThread());
                }
            }, numbered ? prefix + count.incrementAndGet() : prefix);
            thread.setDaemon(true);
            ownThreads.add(thread);
            return thread;
        };
    }
}
