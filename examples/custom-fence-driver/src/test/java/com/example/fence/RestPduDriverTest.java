package com.example.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.Plug;
import dev.vigil.stonith.spi.PowerState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against a fake PDU: an HTTP server on loopback that keeps outlet states in a map. */
class RestPduDriverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TOKEN = "s3cret-token";

    private final Map<String, String> outlets = new ConcurrentHashMap<>(Map.of("3", "on", "4", "on"));
    private HttpServer pdu;
    private String url;

    @TempDir
    Path tmp;

    @BeforeEach
    void startPdu() throws IOException {
        pdu = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pdu.createContext("/api/outlets", this::handle);
        pdu.start();
        url = "http://127.0.0.1:" + pdu.getAddress().getPort() + "/api";
    }

    @AfterEach
    void stopPdu() {
        pdu.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String answer;
        int code = 200;
        String outlet = x.getRequestURI().getPath().substring("/api/outlets".length()).replace("/", "");
        if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            code = 401;
            answer = "unauthorized";
        } else if (outlet.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(outlets).forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            answer = sb.toString();
        } else if (!outlets.containsKey(outlet)) {
            code = 404;
            answer = "no such outlet";
        } else if (x.getRequestMethod().equals("PUT")) {
            outlets.put(outlet, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip());
            answer = "";
        } else {
            answer = outlets.get(outlet) + "\n";
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private FenceDevice device(String token) throws IOException {
        Path file = tmp.resolve("token");
        Files.writeString(file, token + "\n");
        return new RestPduDriver().create(DeviceConfig.of("fence-pdu", RestPduDriver.NAME,
                Map.of("url", url, "token_file", file.toString())), DriverContext.standalone("node1"));
    }

    @Test
    void isFoundByServiceLoaderAsVigilFindsPlugins() {
        assertTrue(ServiceLoader.load(FenceDriver.class).stream()
                .anyMatch(p -> p.type() == RestPduDriver.class));
    }

    @Test
    void offSwitchesTheNodesOutletOffAndOnBack() throws Exception {
        FenceDevice d = device(TOKEN);
        FenceTarget node2 = new FenceTarget("node2", "4");
        d.off(node2, TIMEOUT);
        assertEquals("off", outlets.get("4"));
        assertEquals("on", outlets.get("3"));
        assertEquals(PowerState.OFF, d.status(node2, TIMEOUT));
        d.on(node2, TIMEOUT);
        assertEquals(PowerState.ON, d.status(node2, TIMEOUT));
    }

    @Test
    void listsTheOutletsAndMonitorsThePdu() throws Exception {
        FenceDevice d = device(TOKEN);
        assertEquals(java.util.List.of(Plug.of("3"), Plug.of("4")), d.list(TIMEOUT));
        d.monitor(TIMEOUT);
    }

    @Test
    void anUnknownOutletOrAWrongTokenFailsWithAClearMessage() throws Exception {
        FenceDeviceException unknown = assertThrows(FenceDeviceException.class,
                () -> device(TOKEN).off(new FenceTarget("node9", "9"), TIMEOUT));
        assertTrue(unknown.getMessage().contains("pcmk_host_map"), unknown.getMessage());
        FenceDeviceException refused = assertThrows(FenceDeviceException.class,
                () -> device("wrong").off(new FenceTarget("node2", "4"), TIMEOUT));
        assertTrue(refused.getMessage().contains("token_file"), refused.getMessage());
        assertEquals("on", outlets.get("4"));
    }

    @Test
    void refusesABadConfigurationWithoutContactingThePdu() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RestPduDriver()
                .create(DeviceConfig.of("fence-pdu", RestPduDriver.NAME, Map.of("url", "ftp://pdu")),
                        DriverContext.standalone("node1")));
        assertTrue(e.getMessage().contains("'fence-pdu'") && e.getMessage().contains("url"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RestPduDriver().create(
                DeviceConfig.of("fence-pdu", RestPduDriver.NAME, Map.of()), DriverContext.standalone("node1")));
    }
}
