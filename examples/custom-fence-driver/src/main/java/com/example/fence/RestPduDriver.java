package com.example.fence;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.ParameterInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Fence driver {@code rest-pdu}: switches the outlets of a power distribution unit through its
 * HTTP API. Vigil finds it through {@code META-INF/services/dev.vigil.stonith.spi.FenceDriver}
 * once the jar is in the daemon's plugin directory. One instance serves every device of this type:
 * it holds no state, so it is thread-safe.
 */
public final class RestPduDriver implements FenceDriver {
    public static final String NAME = "rest-pdu";

    /** The public no-argument constructor ServiceLoader needs. */
    public RestPduDriver() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverMetadata metadata() {
        return new DriverMetadata(NAME, "Switches PDU outlets through an HTTP API",
                "Powers a node off by switching off its outlet on a power distribution unit that has an HTTP "
                        + "API: GET URL/outlets lists 'OUTLET on|off' lines, GET URL/outlets/OUTLET answers on or off, "
                        + "PUT URL/outlets/OUTLET with body on or off switches it. Map nodes to outlets with "
                        + "pcmk_host_map (node1:3;node2:4); without it the outlet is the node name.",
                List.of(ParameterInfo.required("url", "string", "Base URL of the PDU's API, e.g. http://pdu1/api"),
                        ParameterInfo.optional("token_file", "string", null,
                                "File holding a bearer token (kept out of the CIB; mode 0600)")),
                EnumSet.of(DeviceAction.OFF, DeviceAction.ON, DeviceAction.STATUS, DeviceAction.LIST,
                        DeviceAction.MONITOR));
    }

    /**
     * Checks the configuration and makes the device. Refuses a bad one with a message naming the
     * device and the parameter; does not contact the PDU (creation must be quick and must work
     * while the PDU is unreachable).
     */
    @Override
    public FenceDevice create(DeviceConfig config, DriverContext context) {
        String url = config.requireParam("url");
        URI base;
        try {
            base = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(config.describe() + ": parameter 'url' = '" + url
                    + "' is not a URL (" + e.getReason() + ")");
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException(config.describe() + ": parameter 'url' = '" + url
                    + "' must start with http:// or https://");
        }
        String token = null;
        String tokenFile = config.param("token_file", null);
        if (tokenFile != null) {
            try {
                token = Files.readString(Path.of(tokenFile)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(config.describe() + ": cannot read token_file '" + tokenFile
                        + "' (" + e.getMessage() + ")");
            }
        }
        return new RestPduDevice(config.describe(), base, token);
    }
}
