package dev.vigil.quorumd;

import dev.vigil.quorumd.tls.PeerIdentity;
import dev.vigil.quorumd.vote.Decision;
import dev.vigil.quorumd.vote.NodeReport;
import dev.vigil.quorumd.vote.Partition;
import dev.vigil.quorumd.wire.ErrorMessage;
import dev.vigil.quorumd.wire.FrameCodec;
import dev.vigil.quorumd.wire.Hello;
import dev.vigil.quorumd.wire.Message;
import dev.vigil.quorumd.wire.Protocol;
import dev.vigil.quorumd.wire.ProtocolException;
import dev.vigil.quorumd.wire.Report;
import dev.vigil.quorumd.wire.Reply;
import dev.vigil.quorumd.wire.Welcome;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the server, run by its own thread: TLS handshake, hello, then one reply
 * per report until the client leaves, falls silent or breaks the protocol. Any failure closes only
 * this connection and is logged with the peer's address.
 */
final class ClientSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private final SSLSocket socket;
    private final String remote;
    private final VoteService service;
    private final QuorumServer.Settings settings;
    private final Consumer<ClientSession> onEnd;
    // Set once, by this session's thread, before the session is registered with the service.
    private volatile Hello hello;
    private long lastSeq = -1;

    ClientSession(SSLSocket socket, VoteService service, QuorumServer.Settings settings,
            Consumer<ClientSession> onEnd) {
        this.socket = socket;
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
        this.service = service;
        this.settings = settings;
        this.onEnd = onEnd;
    }

    String remote() {
        return remote;
    }

    String cluster() {
        Hello h = hello;
        return h == null ? null : h.cluster();
    }

    String node() {
        Hello h = hello;
        return h == null ? null : h.node();
    }

    int nodeId() {
        Hello h = hello;
        return h == null ? -1 : h.nodeId();
    }

    /** Closes the connection; the session's thread then ends. Safe from any thread. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing connection from {}: {}", remote, e.toString());
        }
    }

    @Override
    public void run() {
        // Not try-with-resources: the socket must stay open while a catch clause sends an error.
        try {
            socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            PeerIdentity peer = PeerIdentity.of(socket.getSession());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            if (!greet(peer, in, out)) {
                return;
            }
            socket.setSoTimeout((int) settings.clientTimeout().toMillis());
            serve(in, out);
        } catch (SocketTimeoutException e) {
            if (hello == null) {
                LOG.warn("connection from {}: no TLS handshake and hello within {} ms; closing", remote,
                        settings.handshakeTimeout().toMillis());
            } else {
                LOG.warn("{} fell silent: no report for {} ms; closing its connection", who(),
                        settings.clientTimeout().toMillis());
            }
        } catch (SSLException e) {
            if (hello == null) {
                LOG.warn("TLS handshake with {} failed: {} (a client needs a certificate signed by the CA in the"
                        + " server's truststore, and must trust the server's CA)", remote, e.getMessage());
            } else {
                LOG.warn("{}: TLS error: {}; closing", who(), e.getMessage());
            }
        } catch (ProtocolException e) {
            refuse(e.getMessage());
        } catch (EOFException e) {
            LOG.info("{} disconnected", who());
        } catch (SocketException e) {
            if (socket.isClosed()) {
                LOG.debug("{}: connection closed", who());
            } else {
                LOG.info("{} disconnected: {}", who(), e.getMessage());
            }
        } catch (IOException e) {
            LOG.warn("{}: I/O error: {}; closing", who(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure: {}; closing", who(), e.toString(), e);
        } finally {
            close();
            service.closed(this);
            onEnd.accept(this);
        }
    }

    /** Reads the hello and answers it; false when the connection was refused. */
    private boolean greet(PeerIdentity peer, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        Message first = FrameCodec.read(in);
        if (!(first instanceof Hello h)) {
            throw new ProtocolException("expected a hello message first, got " + typeOf(first));
        }
        if (h.version() != Protocol.VERSION) {
            refuse(out, "protocol version " + h.version() + " is not supported; this server speaks version "
                    + Protocol.VERSION);
            return false;
        }
        Optional<String> nameProblem = settings.clientNameCheck().refusal(peer, h);
        if (nameProblem.isPresent()) {
            refuse(out, "node '" + h.node() + "' of cluster '" + h.cluster() + "': " + nameProblem.get());
            return false;
        }
        hello = h;
        Optional<String> refusal = await(service.hello(this, h));
        if (refusal.isPresent()) {
            refuse(out, refusal.get());
            return false;
        }
        FrameCodec.write(out, new Welcome(Protocol.VERSION, settings.heartbeat().toMillis(), settings.lease().toMillis()));
        LOG.info("{} connected (node id {}, certificate {})", who(), h.nodeId(), peer);
        return true;
    }

    private void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
        while (true) {
            Message m = FrameCodec.read(in);
            if (!(m instanceof Report r)) {
                throw new ProtocolException("expected a report message, got " + typeOf(m));
            }
            if (r.seq() <= lastSeq) {
                throw new ProtocolException("report seq " + r.seq() + " does not increase (previous " + lastSeq + ")");
            }
            lastSeq = r.seq();
            if (!r.members().contains(hello.node())) {
                throw new ProtocolException("reported partition " + r.members() + " does not contain the node itself");
            }
            Partition partition = Partition.of(r.members());
            Optional<Decision> decision = await(service.report(this,
                    new NodeReport(hello.cluster(), hello.node(), hello.nodeId(), partition)));
            if (decision.isEmpty()) {
                refuse(out, "this connection was replaced by a newer one from the same node");
                return;
            }
            Decision d = decision.get();
            FrameCodec.write(out, new Reply(r.seq(), d.granted(), d.lease().toMillis(),
                    d.holder().map(Partition::members).orElse(List.of()), d.reason()));
        }
    }

    private void refuse(String problem) {
        try {
            refuse(new BufferedOutputStream(socket.getOutputStream()), problem);
        } catch (IOException e) {
            LOG.warn("{}: {}; closing the connection", who(), problem);
        }
    }

    private void refuse(OutputStream out, String problem) {
        LOG.warn("{}: {}; closing the connection", who(), problem);
        try {
            FrameCodec.write(out, new ErrorMessage(problem.length() > Protocol.MAX_TEXT
                    ? problem.substring(0, Protocol.MAX_TEXT) : problem));
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: could not send the error: {}", who(), e.toString());
        }
    }

    private <T> T await(CompletableFuture<T> future) throws InterruptedException, IOException {
        try {
            return future.get(settings.clientTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the vote service failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the vote service did not answer within " + settings.clientTimeout().toMillis()
                    + " ms");
        }
    }

    private String who() {
        Hello h = hello;
        return h == null ? "quorum peer " + remote
                : "node '" + h.node() + "' of cluster '" + h.cluster() + "' (" + remote + ")";
    }

    private static String typeOf(Message m) {
        return m.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("errormessage", "error");
    }
}
