package dev.vigil.quorumd.vote;

import java.time.Duration;
import java.util.Optional;

/**
 * The arbiter's answer to one report. Immutable.
 *
 * @param granted whether the reporter's partition holds the vote; if so the reporter's lease runs
 *                for {@code lease} from the moment the arbiter received its report
 * @param lease   lease length of a grant ({@link Duration#ZERO} when not granted)
 * @param holder  the partition the arbiter currently grants to, if any
 * @param reason  why, in words an operator understands
 */
public record Decision(boolean granted, Duration lease, Optional<Partition> holder, String reason) {

    public Decision {
        if (lease == null || lease.isNegative() || granted == lease.isZero()) {
            throw new IllegalArgumentException("a grant needs a positive lease and a refusal none, got granted="
                    + granted + " lease=" + lease);
        }
        if (holder == null || reason == null) {
            throw new IllegalArgumentException("holder and reason must not be null");
        }
    }

    static Decision granted(Duration lease, Partition holder, String reason) {
        return new Decision(true, lease, Optional.of(holder), reason);
    }

    static Decision denied(Partition holder, String reason) {
        return new Decision(false, Duration.ZERO, Optional.ofNullable(holder), reason);
    }
}
