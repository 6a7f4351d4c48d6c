package dev.triage.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;

/**
 * Upstream failures against client-visible failures of one target group of one agent over a range:
 * what the agent's retries, hedges and cache kept from the clients.
 *
 * @param attempts attempts sent to the group's targets
 * @param upstreamFailures of those, the ones that failed (no usable answer, or a 5XX)
 * @param clientFailures client requests answered with a 5XX, attributed to the group (see {@link
 *     Measure#FAILED}); fractional when a route that splits traffic shared them
 */
public record FailuresAbsorbed(
        TargetGroupScope scope,
        String agent,
        String targetGroup,
        long requests,
        long attempts,
        long upstreamFailures,
        double clientFailures) {

    public FailuresAbsorbed {
        requireNonNull(scope, "scope");
        requireNonNull(agent, "agent");
        requireNonNull(targetGroup, "targetGroup");
    }

    /** Upstream failures the clients never saw; 0 when they saw as many or more. */
    public double absorbed() {
        return Math.max(0, upstreamFailures - clientFailures);
    }

    /** The share of upstream failures absorbed; 1 with no upstream failures. */
    public double absorbedRatio() {
        return upstreamFailures == 0 ? 1.0 : absorbed() / upstreamFailures;
    }
}
