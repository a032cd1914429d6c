package dev.vigil.resourceagents.metadata;

import java.time.Duration;

/**
 * One action an agent declares, with its advertised defaults. Immutable.
 *
 * @param name the action (start, stop, monitor, …)
 * @param timeout the suggested timeout, or {@code null} when not given
 * @param interval the suggested interval for recurring monitors ({@link Duration#ZERO} if none)
 * @param depth the {@code OCF_CHECK_LEVEL} of this monitor variant
 * @param role the role a monitor applies to ({@code Promoted}, {@code Unpromoted}) or {@code null}
 */
public record ActionSpec(String name, Duration timeout, Duration interval, int depth, String role) {
}
