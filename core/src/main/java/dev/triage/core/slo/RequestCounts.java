package dev.triage.core.slo;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests seen during one bucket of time, {@code [start, start + step)}.
 *
 * <p>Agents report per second, CloudWatch per minute; a bucket nobody reported means no traffic.
 *
 * @param start the bucket's first instant
 * @param step the bucket's length, positive
 * @param total requests answered in the bucket
 * @param failed of those, the ones that count against the objective (5XX), at most {@code total}
 */
public record RequestCounts(Instant start, Duration step, long total, long failed) {

    public RequestCounts {
        requireNonNull(start, "start");
        requireNonNull(step, "step");
        List<String> problems = new ArrayList<>();
        if (step.isNegative() || step.isZero()) {
            problems.add("step: " + step + " (expected: > 0)");
        }
        if (total < 0) {
            problems.add("total: " + total + " (expected: >= 0)");
        }
        if (failed < 0 || failed > Math.max(total, 0)) {
            problems.add("failed: " + failed + " (expected: 0.." + Math.max(total, 0) + ", at most total)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Requests that succeeded. */
    public long successful() {
        return total - failed;
    }

    /** The first instant after the bucket. */
    public Instant end() {
        return start.plus(step);
    }
}
