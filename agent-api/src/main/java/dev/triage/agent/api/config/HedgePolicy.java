package dev.triage.agent.api.config;

/**
 * Hedging for idempotent reads: when the first attempt has not answered after {@code delayMs}, send
 * another; the first good answer wins and the others are cancelled. Hedges count against the retry
 * budget.
 */
public record HedgePolicy(int delayMs, int maxHedges) {

    public static final int DEFAULT_MAX_HEDGES = 1;

    public HedgePolicy {
        maxHedges = maxHedges == 0 ? DEFAULT_MAX_HEDGES : maxHedges;
    }
}
