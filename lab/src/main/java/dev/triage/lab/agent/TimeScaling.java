package dev.triage.lab.agent;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.HedgePolicy;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import java.util.List;

/**
 * Compresses an agent config's clock the way the simulator's is compressed: at time scale 0.01 a
 * 3 s per-try timeout becomes 30 ms, so the agent meets HOSP's 2-20 s latencies (20-200 ms) with
 * the same policy it would use in production. Rates per second grow by the same factor.
 */
public final class TimeScaling {

    private TimeScaling() {}

    public static AgentConfig scale(AgentConfig config, double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: > 0)");
        }
        if (timeScale == 1.0) {
            return config;
        }
        return config.withListeners(
                config.listeners().stream().map(l -> scale(l, timeScale)).toList(),
                config.targetGroups().stream().map(g -> scale(g, timeScale)).toList());
    }

    private static Listener scale(Listener listener, double s) {
        List<Rule> rules = listener.rules().stream()
                .map(r -> new Rule(r.name(), r.priority(), r.conditions(), r.action(), scale(r.policy(), s)))
                .toList();
        return new Listener(
                listener.name(),
                listener.protocol(),
                listener.bindAddress(),
                listener.port(),
                rules,
                listener.defaultAction());
    }

    private static RoutePolicy scale(RoutePolicy policy, double s) {
        RetryPolicy retry = policy.retry();
        RetryPolicy scaledRetry = retry == null
                ? null
                : new RetryPolicy(
                        retry.maxAttempts(),
                        ms(retry.perTryTimeoutMs(), s),
                        ms(retry.deadlineMs(), s),
                        ms(retry.backoffBaseMs(), s),
                        ms(retry.backoffMaxMs(), s),
                        retry.retryOn(),
                        retry.honourRetryAfter(),
                        new RetryPolicy.Budget(retry.budget().ratio(), (int)
                                Math.ceil(retry.budget().minPerSecond() / s)),
                        retry.idempotencyKeyHeader(),
                        retry.upstreamHonoursIdempotencyKey(),
                        ms(retry.holdWritesMs(), s),
                        retry.notProcessedStatuses());
        HedgePolicy hedge = policy.hedge();
        HedgePolicy scaledHedge = hedge == null ? null : new HedgePolicy(ms(hedge.delayMs(), s), hedge.maxHedges());
        CachePolicy cache = policy.cache();
        CachePolicy scaledCache = cache == null
                ? null
                : new CachePolicy(
                        ms(cache.ttlMs(), s),
                        ms(cache.staleWhileRevalidateMs(), s),
                        ms(cache.staleIfErrorMs(), s),
                        cache.shareAcrossPrincipals(),
                        cache.maxEntryBytes());
        return new RoutePolicy(scaledRetry, scaledHedge, scaledCache, policy.gates());
    }

    private static TargetGroup scale(TargetGroup group, double s) {
        TargetGroup.HealthCheck check = group.healthCheck();
        return new TargetGroup(
                group.name(),
                group.targets(),
                ms(group.connectTimeoutMs(), s),
                group.maxConnectionsPerTarget(),
                group.maxResponseBytes(),
                check == null
                        ? null
                        : new TargetGroup.HealthCheck(
                                check.path(),
                                ms(check.intervalMs(), s),
                                ms(check.timeoutMs(), s),
                                check.healthyThreshold(),
                                check.unhealthyThreshold()));
    }

    /** Positive durations stay at least 1 ms; zero (off) stays zero. */
    private static int ms(int millis, double s) {
        return millis <= 0 ? millis : (int) Math.max(1, Math.round(millis * s));
    }
}
