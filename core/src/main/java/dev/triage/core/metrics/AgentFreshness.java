package dev.triage.core.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How current an agent's series are.
 *
 * @param lastSample when its stats last arrived (null: never)
 * @param lastAttempt when the sampler last asked (null: never)
 * @param stale true when no stats arrived within the staleness limit: its series stop at {@code
 *     lastSample} and the console should say so
 * @param problem why the last attempt failed (null when it did not)
 */
public record AgentFreshness(String agent, Instant lastSample, Instant lastAttempt, boolean stale, String problem) {

    public AgentFreshness {
        requireNonNull(agent, "agent");
    }
}
