package dev.vigil.stonith.spi;

import java.util.Objects;

/**
 * A device action did not succeed. The message is shown to operators as it is, after the device
 * id and action: say what went wrong and, when you know, what to check ("login to 10.0.0.9
 * refused: check login and password").
 */
public class FenceDeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the action did not succeed. */
    public enum Reason {
        /** The device reported an error or could not be reached. Retried. */
        FAILED,
        /** The action did not finish within its timeout. Retried. */
        TIMED_OUT,
        /** The device does not implement this action. Not retried. */
        UNSUPPORTED
    }

    private final Reason reason;

    public FenceDeviceException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public FenceDeviceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static FenceDeviceException failed(String message) {
        return new FenceDeviceException(Reason.FAILED, message);
    }

    public static FenceDeviceException timedOut(String message) {
        return new FenceDeviceException(Reason.TIMED_OUT, message);
    }

    public static FenceDeviceException unsupported(DeviceAction action) {
        return new FenceDeviceException(Reason.UNSUPPORTED, "the device does not support '" + action + "'");
    }

    public Reason reason() {
        return reason;
    }
}
