package com.example.fence;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.Plug;
import dev.vigil.stonith.spi.PowerState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One configured {@code rest-pdu} device. Each action is one or two HTTP requests bounded by the
 * action's timeout. Thread-safe ({@link HttpClient} is), so the fencer may run several actions at
 * once; an interrupted action throws {@link InterruptedException} and leaves nothing behind.
 */
final class RestPduDevice implements FenceDevice {
    private final String name;
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RestPduDevice(String name, URI base, String token) {
        this.name = name;
        this.base = base;
        this.token = token;
    }

    @Override
    public Set<DeviceAction> supportedActions() {
        return EnumSet.of(DeviceAction.OFF, DeviceAction.ON, DeviceAction.STATUS, DeviceAction.LIST,
                DeviceAction.MONITOR);
    }

    /** Switches the outlet off, then reads it back: fencing succeeds only once the PDU says it is off. */
    @Override
    public void off(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        switchTo(target, PowerState.OFF, timeout);
    }

    @Override
    public void on(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        switchTo(target, PowerState.ON, timeout);
    }

    @Override
    public PowerState status(FenceTarget target, Duration timeout) throws FenceDeviceException,
            InterruptedException {
        String body = send(HttpRequest.newBuilder(outlet(target.plug())).GET(), timeout).strip();
        return switch (body) {
            case "on" -> PowerState.ON;
            case "off" -> PowerState.OFF;
            default -> throw FenceDeviceException.failed("outlet " + target.plug() + " reports '" + body
                    + "', expected on or off");
        };
    }

    @Override
    public List<Plug> list(Duration timeout) throws FenceDeviceException, InterruptedException {
        List<Plug> plugs = new ArrayList<>();
        for (String line : send(HttpRequest.newBuilder(URI.create(base + "/outlets")).GET(), timeout)
                .split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (!words[0].isEmpty()) {
                plugs.add(Plug.of(words[0]));
            }
        }
        return plugs;
    }

    @Override
    public void monitor(Duration timeout) throws FenceDeviceException, InterruptedException {
        list(timeout);
    }

    private void switchTo(FenceTarget target, PowerState state, Duration timeout) throws FenceDeviceException,
            InterruptedException {
        String word = state == PowerState.OFF ? "off" : "on";
        send(HttpRequest.newBuilder(outlet(target.plug())).PUT(HttpRequest.BodyPublishers.ofString(word)), timeout);
        PowerState now = status(target, timeout);
        if (now != state) {
            throw FenceDeviceException.failed("outlet " + target.plug() + " is still " + now
                    .name().toLowerCase() + " after switching it " + word);
        }
    }

    private URI outlet(String plug) {
        return URI.create(base + "/outlets/" + URLEncoder.encode(plug, StandardCharsets.UTF_8));
    }

    /** Sends the request; returns the body of a 2xx answer, throws a clear message otherwise. */
    private String send(HttpRequest.Builder request, Duration timeout) throws FenceDeviceException,
            InterruptedException {
        request.timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest r = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw FenceDeviceException.timedOut(r.method() + " " + r.uri() + " got no answer within " + timeout);
        } catch (IOException e) {
            throw new FenceDeviceException(FenceDeviceException.Reason.FAILED, r.method() + " " + r.uri()
                    + " failed: " + e.getMessage() + " (is the PDU reachable?)", e);
        }
        int code = response.statusCode();
        if (code == 401 || code == 403) {
            throw FenceDeviceException.failed(r.method() + " " + r.uri() + " was refused (HTTP " + code
                    + "): check token_file of " + name);
        }
        if (code == 404) {
            throw FenceDeviceException.failed("the PDU has no outlet at " + r.uri()
                    + " (HTTP 404): check pcmk_host_map of " + name);
        }
        if (code / 100 != 2) {
            throw FenceDeviceException.failed(r.method() + " " + r.uri() + " answered HTTP " + code + ": "
                    + response.body().strip());
        }
        return response.body();
    }
}
