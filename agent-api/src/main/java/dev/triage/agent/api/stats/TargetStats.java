package dev.triage.agent.api.stats;

/**
 * One upstream endpoint's passive health.
 *
 * @param target host:port
 * @param healthy false while the target is ejected after consecutive failures
 * @param consecutiveFailures failures since its last success
 */
public record TargetStats(String target, boolean healthy, int consecutiveFailures) {}
