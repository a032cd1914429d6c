package dev.vigil.stonith.spi;

/**
 * A kind of fence device, found with {@link java.util.ServiceLoader}: list the implementing class
 * in {@code META-INF/services/dev.vigil.stonith.spi.FenceDriver} of your jar and drop the jar into
 * the daemon's plugin directory. The class needs a public no-argument constructor. One instance
 * serves every device of its type; it must be thread-safe. See the package description.
 */
public interface FenceDriver {

    /**
     * The name configured as the {@code type} of a {@code class="stonith"} primitive, e.g.
     * {@code fence_mypdu}. No spaces; unique among the installed drivers.
     */
    String name();

    /** What the driver is and which parameters and actions it supports. */
    DriverMetadata metadata();

    /**
     * Makes a device from its configuration. Validate here and refuse a bad configuration with an
     * {@link IllegalArgumentException} naming the device id and the parameter
     * ({@link DeviceConfig} has helpers that do). Do not contact the device here: creation must be
     * quick and must succeed while the device is unreachable.
     */
    FenceDevice create(DeviceConfig config, DriverContext context);
}
