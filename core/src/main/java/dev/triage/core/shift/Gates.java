package dev.triage.core.shift;

import dev.triage.core.domain.Validation;
import java.time.Duration;
import java.util.Optional;

/**
 * What the target group must show over a step's bake window to go on.
 *
 * @param minSuccessRatio the least share of requests that are not target 5xx, 0..1 (0.99 is 99%)
 * @param p99Limit the most the target response time's p99 may reach in any period of the window, or null for no
 *     latency gate
 * @param minRequests the fewest requests the window must hold for the ratio to mean anything; with fewer the
 *     step bakes once more (the window then runs from the step to the end of the second bake) and, still short,
 *     the gate fails ("not enough traffic") and the shift rolls back
 */
public record Gates(double minSuccessRatio, Duration p99Limit, long minRequests) {

    public Gates {
        Validation v = Validation.of("gates");
        v.check(
                Double.isFinite(minSuccessRatio) && minSuccessRatio >= 0 && minSuccessRatio <= 1,
                "minSuccessRatio: " + minSuccessRatio + " (expected: 0..1)");
        v.check(
                p99Limit == null || (!p99Limit.isNegative() && !p99Limit.isZero()),
                "p99Limit: " + p99Limit + " (expected: positive, or none)");
        v.check(minRequests >= 0, "minRequests: " + minRequests + " (expected: 0 or more)");
        v.throwIfInvalid();
    }

    /** 99% success, no latency gate, at least 100 requests per window. */
    public static Gates defaults() {
        return new Gates(0.99, null, 100);
    }

    public Optional<Duration> p99() {
        return Optional.ofNullable(p99Limit);
    }
}
