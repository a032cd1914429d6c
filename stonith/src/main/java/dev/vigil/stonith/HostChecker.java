package dev.vigil.stonith;

import dev.vigil.stonith.spi.DeviceAction;
import dev.vigil.stonith.spi.FenceTarget;
import dev.vigil.stonith.spi.Plug;
import dev.vigil.stonith.spi.PowerState;
import dev.vigil.stonith.topology.DeviceSpec;
import dev.vigil.stonith.topology.HostCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Decides whether a device can fence a node, by Pacemaker's {@code pcmk_host_check} rules. Without
 * an explicit check: {@code static-list} when {@code pcmk_host_list} or {@code pcmk_host_map} is
 * set; otherwise {@code dynamic-list} when the device supports {@code list} and the list succeeds;
 * otherwise {@code status} when it supports {@code status}; otherwise {@code none} (any node).
 * List answers (and failures) are remembered per device for {@code listCacheTtl}. Thread-safe.
 */
final class HostChecker {

    /** Whether a device can fence a node, and if not, why. */
    record Eligibility(boolean capable, String reason) {
        static Eligibility yes() {
            return new Eligibility(true, "");
        }

        static Eligibility no(String reason) {
            return new Eligibility(false, reason);
        }
    }

    private final DeviceCaller caller;
    private final Clock clock;
    private final Duration listCacheTtl;

    HostChecker(DeviceCaller caller, Clock clock, Duration listCacheTtl) {
        this.caller = caller;
        this.clock = clock;
        this.listCacheTtl = listCacheTtl;
    }

    /**
     * @param timeoutFor the timeout to give a query action (the device's action timeout capped by
     *        the request's remaining time)
     */
    Eligibility check(LiveDevice d, String node, UnaryOperator<Duration> timeoutFor) throws InterruptedException {
        DeviceSpec spec = d.spec();
        HostCheck mode = spec.explicitHostCheck().orElse(null);
        if (mode == null) {
            if (spec.hasStaticTargets()) {
                mode = HostCheck.STATIC_LIST;
            } else if (d.supports(DeviceAction.LIST) && list(d, timeoutFor).error().isEmpty()) {
                mode = HostCheck.DYNAMIC_LIST;
            } else if (d.supports(DeviceAction.STATUS)) {
                mode = HostCheck.STATUS;
            } else {
                mode = HostCheck.NONE;
            }
        }
        switch (mode) {
            case STATIC_LIST:
                if (spec.isListed(node)) {
                    return Eligibility.yes();
                }
                return Eligibility.no("fence device '" + spec.id() + "' is not configured for node " + node
                        + " (pcmk_host_list/pcmk_host_map name " + staticTargets(spec) + ")");
            case DYNAMIC_LIST:
                return dynamic(d, node, timeoutFor);
            case STATUS:
                return status(d, node, timeoutFor);
            default:
                return Eligibility.yes();
        }
    }

    private Eligibility dynamic(LiveDevice d, String node, UnaryOperator<Duration> timeoutFor)
            throws InterruptedException {
        String id = d.id();
        if (!d.supports(DeviceAction.LIST)) {
            return Eligibility.no("fence device '" + id + "' has pcmk_host_check=dynamic-list but no list action");
        }
        LiveDevice.ListAnswer answer = list(d, timeoutFor);
        if (!answer.error().isEmpty()) {
            return Eligibility.no("fence device '" + id + "' could not list its targets: " + answer.error());
        }
        String plug = d.spec().plugFor(node);
        for (Plug p : answer.plugs()) {
            if (p.matches(plug) || p.matches(node)) {
                return Eligibility.yes();
            }
        }
        String listed = answer.plugs().stream().map(Plug::name).limit(20).collect(Collectors.joining(", "));
        return Eligibility.no("fence device '" + id + "' does not list node " + node
                + (plug.equals(node) ? "" : " (plug " + plug + ")") + " among its targets [" + listed + "]");
    }

    private LiveDevice.ListAnswer list(LiveDevice d, UnaryOperator<Duration> timeoutFor) throws InterruptedException {
        Instant now = clock.instant();
        LiveDevice.ListAnswer cached = d.listAnswer();
        if (cached != null && Duration.between(cached.at(), now).compareTo(listCacheTtl) < 0) {
            return cached;
        }
        Duration timeout = timeoutFor.apply(d.spec().timeout(DeviceAction.LIST, null));
        CallResult<List<Plug>> r = caller.call(d, "list", timeout, (dev, t) -> dev.list(t));
        LiveDevice.ListAnswer answer = r.isSuccess()
                ? new LiveDevice.ListAnswer(r.value() == null ? List.of() : List.copyOf(r.value()), "", now)
                : new LiveDevice.ListAnswer(List.of(), r.error(), now);
        d.rememberList(answer);
        return answer;
    }

    private Eligibility status(LiveDevice d, String node, UnaryOperator<Duration> timeoutFor)
            throws InterruptedException {
        if (!d.supports(DeviceAction.STATUS)) {
            return Eligibility.no("fence device '" + d.id() + "' has pcmk_host_check=status but no status action");
        }
        FenceTarget target = new FenceTarget(node, d.spec().plugFor(node));
        Duration timeout = timeoutFor.apply(d.spec().timeout(DeviceAction.STATUS, null));
        CallResult<PowerState> r = caller.call(d, "status " + node, timeout, (dev, t) -> dev.status(target, t));
        return r.isSuccess() ? Eligibility.yes()
                : Eligibility.no("fence device '" + d.id() + "' status for node " + node + " failed: " + r.error());
    }

    private static String staticTargets(DeviceSpec spec) {
        List<String> names = new java.util.ArrayList<>(spec.hostList());
        spec.hostMap().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return String.join(", ", names);
    }
}
