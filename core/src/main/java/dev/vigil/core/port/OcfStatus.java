package dev.vigil.core.port;

import java.util.Optional;

/**
 * The result codes of the OCF resource-agent API (1.1), as a resource agent's exit code reports
 * them. LSB and fence agents have their own codes, which their runners map onto these.
 */
public enum OcfStatus {
    SUCCESS(0, "ok"),
    ERR_GENERIC(1, "error"),
    ERR_ARGS(2, "invalid parameter"),
    ERR_UNIMPLEMENTED(3, "unimplemented feature"),
    ERR_PERM(4, "insufficient privileges"),
    ERR_INSTALLED(5, "not installed"),
    ERR_CONFIGURED(6, "not configured"),
    NOT_RUNNING(7, "not running"),
    RUNNING_PROMOTED(8, "promoted"),
    FAILED_PROMOTED(9, "promoted (failed)"),
    DEGRADED(190, "degraded"),
    DEGRADED_PROMOTED(191, "promoted (degraded)");

    private final int code;
    private final String description;

    OcfStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The numeric exit code an agent uses for this result. */
    public int code() {
        return code;
    }

    /** A short human description, as crm_mon prints it ("not running"). */
    public String description() {
        return description;
    }

    /** The status for an agent exit code, or empty when the code is not one the OCF API defines. */
    public static Optional<OcfStatus> fromCode(int code) {
        for (OcfStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
