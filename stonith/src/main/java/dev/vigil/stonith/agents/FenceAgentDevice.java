package dev.vigil.stonith.agents;

import dev.vigil.resourceagents.process.ProcessOutcome;
import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.DeviceConfig;
import dev.vigil.stonith.spi.DriverMetadata;
import dev.vigil.stonith.spi.FenceDevice;
import dev.vigil.stonith.spi.FenceDeviceException;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.Plug;
import dev.vigil.stonith.spi.PowerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device served by a fence-agents executable. Each action runs the agent once with, on stdin:
 * {@code action=} (renamed by {@code pcmk_<action>_action} when set), the target under the host
 * argument ({@code pcmk_host_argument}; by default {@code plug} when the agent's metadata lists it,
 * else {@code port}, else none; a value the configuration already sets is kept), {@code nodename=}
 * when the agent takes it, then every device parameter except Pacemaker's own. Exit codes follow
 * fence-agents: 0 is success; for {@code status} 0 is on, 2 is off, anything else an error.
 * Parameters are never logged (they hold passwords). Thread-safe (immutable).
 */
final class FenceAgentDevice implements FenceDevice {
    private static final Logger LOG = LoggerFactory.getLogger(FenceAgentDevice.class);
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final DeviceConfig config;
    private final FenceAgentDriver driver;
    private final Set<DeviceAction> actions;
    private final Map<DeviceAction, String> agentActions;
    private final String hostArgument;
    private final boolean passNodeName;
    private final String staticParams;

    FenceAgentDevice(DeviceConfig config, FenceAgentDriver driver, DriverMetadata metadata) {
        this.config = config;
        this.driver = driver;
        Set<DeviceAction> supported = EnumSet.noneOf(DeviceAction.class);
        supported.addAll(metadata.actions());
        Map<DeviceAction, String> names = new EnumMap<>(DeviceAction.class);
        for (DeviceAction a : DeviceAction.values()) {
            String name = config.param("pcmk_" + a.value() + "_action", null);
            if (name != null) {
                if (!ACTION_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(config.describe() + ": pcmk_" + a.value() + "_action '" + name
                            + "' is not an action name");
                }
                supported.add(a);
            }
            names.put(a, name == null ? a.value() : name);
        }
        if (!supported.contains(DeviceAction.OFF)) {
            throw new IllegalArgumentException(config.describe() + ": fence agent " + driver.executable()
                    + " does not advertise the 'off' action in its metadata (set pcmk_off_action if it uses another"
                    + " name)");
        }
        this.actions = Collections.unmodifiableSet(supported);
        this.agentActions = Collections.unmodifiableMap(names);
        this.hostArgument = hostArgument(config, metadata);
        this.passNodeName = metadata.hasParameter("nodename") && config.param("nodename", null) == null;
        StringBuilder params = new StringBuilder();
        config.agentParams().forEach((k, v) -> {
            if (k.isBlank() || k.contains("=") || hasLineBreak(k) || hasLineBreak(v)) {
                throw new IllegalArgumentException(config.describe() + ": parameter '" + k.strip()
                        + "' contains a line break or '=' in its name; fence agents read one key=value per line");
            }
            if (!k.equals("action")) {
                params.append(k).append('=').append(v).append('\n');
            }
        });
        this.staticParams = params.toString();
    }

    private static String hostArgument(DeviceConfig config, DriverMetadata metadata) {
        String arg = config.param("pcmk_host_argument", null);
        if (arg != null) {
            return arg.equalsIgnoreCase("none") ? null : arg;
        }
        if (metadata.hasParameter("plug")) {
            return "plug";
        }
        return metadata.hasParameter("port") ? "port" : null;
    }

    @Override
    public Set<DeviceAction> supportedActions() {
        return actions;
    }

    @Override
    public void off(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        expectSuccess(DeviceAction.OFF, target, timeout);
    }

    @Override
    public void on(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        expectSuccess(DeviceAction.ON, target, timeout);
    }

    @Override
    public void reboot(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        expectSuccess(DeviceAction.REBOOT, target, timeout);
    }

    @Override
    public PowerState status(FenceTarget target, Duration timeout) throws FenceDeviceException, InterruptedException {
        ProcessOutcome out = run(DeviceAction.STATUS, target, timeout);
        if (out.termination() == ProcessOutcome.Termination.EXITED && out.exitCode() == 0) {
            return PowerState.ON;
        }
        if (out.termination() == ProcessOutcome.Termination.EXITED && out.exitCode() == 2) {
            return PowerState.OFF;
        }
        throw failure(out, DeviceAction.STATUS, timeout);
    }

    @Override
    public List<Plug> list(Duration timeout) throws FenceDeviceException, InterruptedException {
        ProcessOutcome out = run(DeviceAction.LIST, null, timeout);
        if (out.termination() != ProcessOutcome.Termination.EXITED || out.exitCode() != 0) {
            throw failure(out, DeviceAction.LIST, timeout);
        }
        return parseList(out.stdout());
    }

    @Override
    public void monitor(Duration timeout) throws FenceDeviceException, InterruptedException {
        expectSuccess(DeviceAction.MONITOR, null, timeout);
    }

    /** Parses {@code list} output: one {@code plug[,alias[,status]]} per line. */
    static List<Plug> parseList(String stdout) {
        List<Plug> plugs = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] fields = t.split(",", -1);
            String name = fields[0].strip();
            if (!name.isEmpty()) {
                plugs.add(new Plug(name, fields.length > 1 ? fields[1].strip() : ""));
            }
        }
        return List.copyOf(plugs);
    }

    private void expectSuccess(DeviceAction action, FenceTarget target, Duration timeout)
            throws FenceDeviceException, InterruptedException {
        ProcessOutcome out = run(action, target, timeout);
        if (out.termination() != ProcessOutcome.Termination.EXITED || out.exitCode() != 0) {
            throw failure(out, action, timeout);
        }
    }

    private ProcessOutcome run(DeviceAction action, FenceTarget target, Duration timeout)
            throws FenceDeviceException, InterruptedException {
        if (!actions.contains(action)) {
            throw FenceDeviceException.unsupported(action);
        }
        StringBuilder stdin = new StringBuilder();
        stdin.append("action=").append(agentActions.get(action)).append('\n');
        if (target != null) {
            if (hasLineBreak(target.plug()) || hasLineBreak(target.node())) {
                throw FenceDeviceException.failed("target '" + target.node().strip() + "' contains a line break");
            }
            if (hostArgument != null && config.param(hostArgument, null) == null) {
                stdin.append(hostArgument).append('=').append(target.plug()).append('\n');
            }
            if (passNodeName) {
                stdin.append("nodename=").append(target.node()).append('\n');
            }
        }
        stdin.append(staticParams);
        ProcessOutcome out = driver.run(stdin.toString(), timeout);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}{}: {} exit {} in {}ms; stderr: {}", config.id(), action,
                    target == null ? "" : " " + target.node(), out.termination(), out.exitCode(),
                    out.duration().toMillis(), out.stderr().strip());
        }
        return out;
    }

    private FenceDeviceException failure(ProcessOutcome out, DeviceAction action, Duration timeout) {
        String text = "fence agent " + driver.name() + " " + driver.describeFailure(out, agentActions.get(action),
                timeout);
        if (out.termination() == ProcessOutcome.Termination.TIMED_OUT) {
            return FenceDeviceException.timedOut(text);
        }
        return FenceDeviceException.failed(text);
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    @Override
    public String toString() {
        return config.describe() + " via " + driver.executable() + " actions " + actions.toString()
                .toLowerCase(Locale.ROOT);
    }
}
