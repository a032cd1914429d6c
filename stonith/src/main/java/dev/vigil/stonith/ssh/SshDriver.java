package dev.vigil.stonith.ssh;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverContext;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDriver;
import dev.vigil.stonith.spi.ParameterInfo;
import java.util.EnumSet;
import java.util.List;

/**
 * The {@code ssh} driver: reboots or powers off a peer by logging into it with a key and running
 * a command. Only for tests and labs: it works only while the target's operating system still
 * runs and answers ssh, which is exactly when fencing is least needed (a hung or disconnected
 * node cannot be fenced this way, and a node that does not answer is reported as a failure, never
 * as fenced). See {@link SshDevice} for the protocol. Thread-safe.
 */
public final class SshDriver implements FenceDriver {
    public static final String NAME = "ssh";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverMetadata metadata() {
        return new DriverMetadata(NAME, "Reboots or powers off a node over ssh (tests and labs only)",
                "Logs into the target (its pcmk_host_map entry, else its node name, as the host) with "
                        + "ssh -i KEY -o BatchMode=yes and runs a reboot or power-off command, then waits until the "
                        + "host stops answering ssh; that is the confirmation. Status runs 'true'. This works only "
                        + "while the target's operating system still runs: a hung, crashed or disconnected node "
                        + "cannot be fenced, and the driver reports that as a failure. Never rely on it alone in "
                        + "production.",
                List.of(ParameterInfo.required("identity_file", "string", "Private key file for ssh -i"),
                        ParameterInfo.optional("user", "string", "root", "Login name on the target"),
                        ParameterInfo.optional("ssh_path", "string", SshDevice.DEFAULT_SSH, "The ssh program"),
                        ParameterInfo.optional("ssh_port", "integer", null, "ssh port of the target (default 22)"),
                        ParameterInfo.optional("connect_timeout", "time", "5s", "ssh ConnectTimeout"),
                        ParameterInfo.optional("ssh_options", "string", null,
                                "Extra ssh -o options, space separated, e.g. "
                                        + "'UserKnownHostsFile=/var/lib/vigil/known_hosts'"),
                        ParameterInfo.optional("reboot_command", "string", SshDevice.DEFAULT_REBOOT,
                                "Command that reboots the target"),
                        ParameterInfo.optional("off_command", "string", SshDevice.DEFAULT_OFF,
                                "Command that powers the target off"),
                        ParameterInfo.optional("poll_interval", "time", "1s",
                                "How often to check whether the target stopped answering")),
                EnumSet.of(DeviceAction.OFF, DeviceAction.REBOOT, DeviceAction.STATUS, DeviceAction.MONITOR));
    }

    @Override
    public FenceDevice create(DeviceConfig config, DriverContext context) {
        return new SshDevice(config);
    }
}
