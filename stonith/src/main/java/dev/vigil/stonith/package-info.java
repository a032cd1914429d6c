/**
 * Fencing: the driver SPI, built-in drivers, the fence-agents bridge and fencing topology.
 *
 * <p>Entry points for the daemon:
 * <ul>
 *   <li>{@link dev.vigil.stonith.DriverRegistry}: the drivers this node has (class path, plugin
 *       jars, {@code /usr/sbin/fence_*}); build once at start, report its
 *       {@link dev.vigil.stonith.DriverRegistry#problems() problems}.</li>
 *   <li>{@link dev.vigil.stonith.LocalFencer}: the {@link dev.vigil.core.port.Fencer} port.
 *       Feed it every new CIB with {@code updateCib}; call {@code fence}, {@code confirm},
 *       {@code history}, {@code monitor}, {@code devicesFor}; {@code close} on shutdown.</li>
 *   <li>{@link dev.vigil.stonith.watchdog.Watchdog}: self-fencing with {@code /dev/watchdog},
 *       fed while a {@link dev.vigil.stonith.watchdog.HealthCheck} passes.</li>
 * </ul>
 *
 * <p>Rules, from "Pacemaker Explained" (Fencing chapter):
 * <ul>
 *   <li>A fence device is a {@code class="stonith"} primitive; its {@code type} names the driver.
 *       A device with {@code target-role=Stopped} is not used; nor is one a {@code -INFINITY}
 *       location constraint bans from this node (this node executes the actions).</li>
 *   <li>Which nodes a device fences: {@code pcmk_host_check} = {@code static-list}
 *       ({@code pcmk_host_list}, {@code pcmk_host_map}), {@code dynamic-list} (its {@code list}
 *       action), {@code status} (its {@code status} action succeeds for the node) or {@code none};
 *       by default static-list when a list or map is set, else dynamic-list when the device lists
 *       and the list works, else status when it has status, else none.
 *       {@code pcmk_host_map} also gives the plug the device is told.</li>
 *   <li>Order: the target's {@code fencing-topology} levels by ascending index; every device of a
 *       level must succeed; a failing level falls through to the next. Without a topology the
 *       capable devices by descending {@code priority} (then id), until one succeeds.</li>
 *   <li>Delay: once, before the first attempt, {@code pcmk_delay_base} (per node when written as
 *       a map) plus a random part keeping the sum within {@code pcmk_delay_max}.</li>
 *   <li>Timeouts: an attempt gets {@code pcmk_<action>_timeout}, else the timeout of an
 *       {@code <op>} of that name, else {@code stonith-timeout} (default 60s), capped by what
 *       is left of the request's timeout. A failed or timed-out attempt is retried
 *       {@code pcmk_<action>_retries} times (default 2). Unlike Pacemaker, whose retries share
 *       one timeout, each retry gets the full action timeout: a device that hung once (a busy
 *       switch, a lost connection) deserves a real second try; the request's timeout bounds the
 *       whole operation.</li>
 *   <li>Reboot: a device without {@code reboot}, and every level of several devices, reboot
 *       with off on each device, then on; the target counts as fenced once the offs succeeded.</li>
 *   <li>{@code stonith-watchdog-timeout} &gt; 0 adds an implicit device {@code watchdog}
 *       (see {@link dev.vigil.stonith.watchdog.WatchdogFenceDriver}), tried after all others.</li>
 * </ul>
 *
 * <p>Not supported yet: {@code pcmk_action_limit} (devices may run several actions at once),
 * {@code target-attribute} fencing levels, executing a device on another node (remote
 * fencers), unfencing ({@code provides=unfencing}) orchestration, and Linux-HA
 * {@code external/*} plugins.
 *
 * <p>Depends on {@code core} (model and the {@code Fencer} port), the executor's process runner
 * ({@code dev.vigil.resourceagents.process}), JNA (watchdog ioctls) and SLF4J.
 */
package dev.vigil.stonith;
