package dev.vigil.quorumd.client;

import dev.vigil.quorumd.wire.ErrorMessage;
import dev.vigil.quorumd.wire.FrameCodec;
import dev.vigil.quorumd.wire.Hello;
import dev.vigil.quorumd.wire.Message;
import dev.vigil.quorumd.wire.Protocol;
import dev.vigil.quorumd.wire.ProtocolException;
import dev.vigil.quorumd.wire.Welcome;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One connection attempt to the quorum server and, if it succeeds, the connection. A reader thread
 * connects, does the TLS handshake and the hello, then reads messages; a writer thread sends. Both
 * report through {@link Events}, which the client turns into tasks on its loop. After {@link Events#lost}
 * the connection is dead; the client makes a new one.
 */
final class ServerConnection {

    /** Called from the connection's threads. */
    interface Events {
        void connected(ServerConnection c, Welcome welcome);

        void received(ServerConnection c, Message message);

        void lost(ServerConnection c, String reason);
    }

    private final String host;
    private final int port;
    private final SSLContext context;
    private final Duration timeout;
    private final boolean verifyHostname;
    private final Hello hello;
    private final Events events;
    private final String threadName;
    private final ExecutorService writer;
    private volatile SSLSocket socket;
    private volatile OutputStream out;
    private volatile boolean closed;

    ServerConnection(String host, int port, SSLContext context, Duration timeout, boolean verifyHostname, Hello hello,
            Events events, String threadName) {
        this.host = host;
        this.port = port;
        this.context = context;
        this.timeout = timeout;
        this.verifyHostname = verifyHostname;
        this.hello = hello;
        this.events = events;
        this.threadName = threadName;
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, threadName + "-out"));
    }

    String server() {
        return host + ":" + port;
    }

    /** Starts connecting in the background. */
    void open() {
        daemon(this::run, threadName + "-in").start();
    }

    /** Queues {@code message}; a failed write closes the connection (and so reports it lost). */
    void send(Message message) {
        try {
            writer.execute(() -> {
                try {
                    OutputStream o = out;
                    if (o != null) {
                        FrameCodec.write(o, message);
                    }
                } catch (IOException e) {
                    close();
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: the loss has been or will be reported by the reader.
        }
    }

    /** Closes the connection; the reader then reports it lost. Idempotent, any thread. */
    void close() {
        closed = true;
        writer.shutdownNow();
        SSLSocket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }

    private void run() {
        String reason;
        try {
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
            socket = s;
            if (closed) {
                s.close();
                return;
            }
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            SSLParameters params = s.getSSLParameters();
            params.setProtocols(new String[] {Protocol.TLS_VERSION});
            if (verifyHostname) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            s.setSSLParameters(params);
            s.startHandshake();
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream o = new BufferedOutputStream(s.getOutputStream());
            FrameCodec.write(o, hello);
            Message first = FrameCodec.read(in);
            if (first instanceof ErrorMessage e) {
                throw new RefusedException(e.message());
            }
            if (!(first instanceof Welcome w)) {
                throw new ProtocolException("expected a welcome from the server, got " + first);
            }
            out = o;
            events.connected(this, w);
            while (true) {
                events.received(this, FrameCodec.read(in));
            }
        } catch (RefusedException e) {
            reason = "the server refused this node: " + e.getMessage();
        } catch (SocketTimeoutException e) {
            reason = "no answer from the server within " + timeout.toMillis() + " ms";
        } catch (SSLException e) {
            reason = "TLS failure: " + e.getMessage() + " (this node's certificate must be signed by the CA the"
                    + " server trusts, and the server's by the CA in this node's truststore"
                    + (verifyHostname ? ", for the name '" + host + "'" : "") + ")";
        } catch (EOFException e) {
            reason = "the server closed the connection";
        } catch (ProtocolException e) {
            reason = "protocol error: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            close();
        }
        events.lost(this, reason);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The server answered the hello with an error. */
    private static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }
}
