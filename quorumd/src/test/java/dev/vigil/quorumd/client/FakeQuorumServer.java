package dev.vigil.quorumd.client;

import dev.vigil.quorumd.wire.FrameCodec;
import dev.vigil.quorumd.wire.Hello;
import dev.vigil.quorumd.wire.Message;
import dev.vigil.quorumd.wire.Protocol;
import dev.vigil.quorumd.wire.Reply;
import dev.vigil.quorumd.wire.Report;
import dev.vigil.quorumd.wire.Welcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A scripted quorum server for one client connection: the test reads reports and writes replies. */
final class FakeQuorumServer implements AutoCloseable {
    private final SSLServerSocket server;
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;

    FakeQuorumServer(SSLContext context) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.setNeedClientAuth(true);
        server.setSoTimeout(10_000);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Accepts the client and welcomes it; returns its hello. */
    Hello accept(Duration heartbeat, Duration lease) throws IOException {
        socket = (SSLSocket) server.accept();
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        Hello hello = (Hello) FrameCodec.read(in);
        FrameCodec.write(out, new Welcome(Protocol.VERSION, heartbeat.toMillis(), lease.toMillis()));
        return hello;
    }

    Report nextReport() throws IOException {
        Message m = FrameCodec.read(in);
        return (Report) m;
    }

    void grant(Report r, long leaseMillis) throws IOException {
        FrameCodec.write(out, new Reply(r.seq(), true, leaseMillis, r.members(), "granted by the test"));
    }

    void refuse(Report r, String reason) throws IOException {
        FrameCodec.write(out, new Reply(r.seq(), false, 0, List.of("z"), reason));
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
