/**
 * The fence driver SPI: how to add a kind of fence device to Vigil.
 *
 * <h2>Writing a driver</h2>
 * <ol>
 *   <li>Implement {@link dev.vigil.stonith.spi.FenceDriver}: a {@code name()} (the
 *       {@code type} operators configure, e.g. {@code fence_mypdu}), a {@code metadata()}
 *       describing its parameters and actions, and {@code create(config, context)} that validates
 *       the configuration and returns a {@link dev.vigil.stonith.spi.FenceDevice}. Give the class a
 *       public no-argument constructor.</li>
 *   <li>Implement {@link dev.vigil.stonith.spi.FenceDevice}: {@code supportedActions()} and at
 *       least {@code off}; optionally {@code on}, {@code reboot}, {@code status}, {@code list},
 *       {@code monitor}.</li>
 *   <li>List the driver class in {@code META-INF/services/dev.vigil.stonith.spi.FenceDriver}
 *       inside your jar, build it against {@code vigil-stonith} (and {@code vigil-core}) with
 *       scope {@code provided}, and copy the jar to the daemon's plugin directory. Each jar gets its
 *       own class loader whose parent holds Vigil's classes: bundle your other dependencies into
 *       the jar. A jar that cannot be loaded is reported by name at start and ignored.</li>
 *   <li>Configure a device:
 *       {@code <primitive id="pdu1" class="stonith" type="fence_mypdu">} with its parameters as
 *       {@code instance_attributes}. Check it with {@code vigil stonith metadata fence_mypdu}.</li>
 * </ol>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Configuration.</b> {@link dev.vigil.stonith.spi.DeviceConfig#params()} holds every
 *       instance attribute; those starting with {@code pcmk_} (and {@code priority}) belong to the
 *       fencer, {@link dev.vigil.stonith.spi.DeviceConfig#agentParams()} gives the rest. Refuse a
 *       bad configuration in {@code create} with an {@link java.lang.IllegalArgumentException}
 *       naming the device and the parameter; do not contact the device there.</li>
 *   <li><b>Targets.</b> Actions receive a {@link dev.vigil.stonith.spi.FenceTarget}: the node name
 *       and the plug the device knows it by (from {@code pcmk_host_map}, else the node name).</li>
 *   <li><b>Blocking and threads.</b> Methods block until done and run on the fencer's worker
 *       threads, several at once for different targets: make devices thread-safe. Do not start
 *       threads you do not stop in {@code close()}.</li>
 *   <li><b>Timeouts.</b> Every action has a timeout; finish within it (throw
 *       {@link dev.vigil.stonith.spi.FenceDeviceException#timedOut} when you give up). A call that
 *       overruns by more than the fencer's grace period (5s) is interrupted and reported as timed
 *       out: on interruption stop promptly, throw {@link java.lang.InterruptedException}, and kill
 *       whatever you started. {@code dev.vigil.resourceagents.process.ProcessRunner} runs external
 *       programs that way.</li>
 *   <li><b>Results.</b> Return normally on success. {@code off} returns once the target is off;
 *       {@code reboot} once it was off. {@code status} returns on/off and throws when the device
 *       does not know the target. {@code list} returns the plugs (and aliases) it controls. Throw
 *       {@link dev.vigil.stonith.spi.FenceDeviceException} with a message an operator can act
 *       on; the fencer prefixes the device id and action, retries
 *       {@code FAILED}/{@code TIMED_OUT}, never retries {@code UNSUPPORTED}. Never report success
 *       unless the target is really fenced: the cluster then starts its resources elsewhere.</li>
 *   <li><b>Secrets.</b> Parameters may hold passwords: never log them or put them in messages.</li>
 *   <li><b>Lifecycle.</b> A device lives while its configuration is unchanged; {@code close()} is
 *       called once, after its last action, when the configuration changes or the fencer closes.</li>
 * </ul>
 *
 * <p>This package depends on the JDK and {@code dev.vigil.core.model} only.
 */
package dev.vigil.stonith.spi;
