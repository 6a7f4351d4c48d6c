package dev.triage.agent.api.stats;

/** What a route's policies did: retries, hedges, budget refusals, held writes and cache results. */
public record PolicyCounts(
        long retries,
        long hedges,
        long budgetRefusals,
        long writesHeld,
        long cacheHits,
        long cacheMisses,
        long cacheStale) {

    public static final PolicyCounts ZERO = new PolicyCounts(0, 0, 0, 0, 0, 0, 0);
}
