package dev.triage.agent.api.stats;

/**
 * One upstream endpoint's health: passive (ejection) and, when its group has health checks, active.
 *
 * @param target host:port
 * @param healthy false while the target is ejected after consecutive failures or its active health
 *     checks call it unhealthy
 * @param consecutiveFailures failures since its last success
 */
public record TargetStats(String target, boolean healthy, int consecutiveFailures) {}
