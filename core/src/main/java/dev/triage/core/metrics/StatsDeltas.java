package dev.triage.core.metrics;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.Percentiles;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one agent did between two stats snapshots, per scope, as {@link Measure}-indexed values: counters
 * turned into deltas (against nothing after a restart), latency and health as the newer snapshot shows
 * them, and each route's client failures attributed to the target groups it forwards to.
 */
final class StatsDeltas {

    private static final int MEASURES = Measure.values().length;

    private StatsDeltas() {}

    /** True when the agent restarted between the snapshots: its uptime or its request counter went back. */
    static boolean restarted(AgentStats previous, AgentStats current) {
        return current.uptimeMs() < previous.uptimeMs()
                || requests(current.totals()).total()
                        < requests(previous.totals()).total();
    }

    /** The agent as a whole. {@code base} is null to count from zero. */
    static double[] agent(AgentStats current, AgentStats base) {
        double[] values = route(current.totals(), base == null ? null : base.totals());
        int healthy = 0;
        int unhealthy = 0;
        for (TargetGroupStats group : current.targetGroups().values()) {
            healthy += healthy(group.targets());
            unhealthy += group.targets().size() - healthy(group.targets());
        }
        values[Measure.HEALTHY_TARGETS.ordinal()] = healthy;
        values[Measure.UNHEALTHY_TARGETS.ordinal()] = unhealthy;
        return values;
    }

    /** One route (or the totals). {@code base} is null to count from zero. */
    static double[] route(RouteStats current, RouteStats base) {
        double[] values = new double[MEASURES];
        RequestCounts now = requests(current);
        RequestCounts before = base == null ? RequestCounts.ZERO : requests(base);
        set(values, Measure.REQUESTS, now.total(), before.total());
        set(values, Measure.FAILED, now.status5xx(), before.status5xx());
        upstream(values, current == null ? null : current.upstream(), base == null ? null : base.upstream());
        PolicyCounts p = current == null || current.policies() == null ? PolicyCounts.ZERO : current.policies();
        PolicyCounts q = base == null || base.policies() == null ? PolicyCounts.ZERO : base.policies();
        set(values, Measure.CACHE_HITS, p.cacheHits(), q.cacheHits());
        set(values, Measure.CACHE_MISSES, p.cacheMisses(), q.cacheMisses());
        set(values, Measure.CACHE_STALE, p.cacheStale(), q.cacheStale());
        if (values[Measure.REQUESTS.ordinal()] > 0) {
            latency(values, current.latency());
        }
        return values;
    }

    /** One target group, without its client failures (see {@link #attribute}). */
    static double[] targetGroup(TargetGroupStats current, TargetGroupStats base) {
        double[] values = new double[MEASURES];
        if (current == null) {
            return values;
        }
        set(values, Measure.REQUESTS, current.requestsReceived(), base == null ? 0 : base.requestsReceived());
        upstream(values, current.attempts(), base == null ? null : base.attempts());
        if (values[Measure.UPSTREAM_ATTEMPTS.ordinal()] > 0) {
            latency(values, current.attemptLatency());
        }
        int healthy = healthy(current.targets());
        values[Measure.HEALTHY_TARGETS.ordinal()] = healthy;
        values[Measure.UNHEALTHY_TARGETS.ordinal()] = current.targets().size() - healthy;
        return values;
    }

    /**
     * Each route's client failures, given to the groups it forwards to: all to its only group; shared
     * among several in proportion to their failed attempts, or their weights when none failed, or evenly.
     *
     * @param routeFailures client 5XX per route name
     * @param groupFailures failed attempts per target group name
     * @return attributed client failures per target group name
     */
    static Map<String, Double> attribute(
            Map<String, Double> routeFailures, Map<String, Double> groupFailures, Routing routing) {
        Map<String, Double> attributed = new LinkedHashMap<>();
        routeFailures.forEach((name, failed) -> {
            Routing.Route route = routing.route(name);
            if (failed <= 0 || route == null || route.groups().isEmpty()) {
                return;
            }
            var groups = route.groups();
            double[] weights = new double[groups.size()];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = groupFailures.getOrDefault(groups.get(i).name(), 0.0);
                sum += weights[i];
            }
            if (sum <= 0) {
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = Math.max(0, groups.get(i).weight());
                    sum += weights[i];
                }
            }
            if (sum <= 0) {
                java.util.Arrays.fill(weights, 1);
                sum = weights.length;
            }
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    attributed.merge(groups.get(i).name(), failed * weights[i] / sum, Double::sum);
                }
            }
        });
        return attributed;
    }

    static RequestCounts requests(RouteStats stats) {
        return stats == null || stats.requests() == null ? RequestCounts.ZERO : stats.requests();
    }

    private static void upstream(double[] values, UpstreamCounts current, UpstreamCounts base) {
        UpstreamCounts now = current == null ? UpstreamCounts.ZERO : current;
        UpstreamCounts before = base == null ? UpstreamCounts.ZERO : base;
        set(values, Measure.UPSTREAM_ATTEMPTS, now.attempts(), before.attempts());
        set(values, Measure.UPSTREAM_FAILED, now.failed(), before.failed());
        set(values, Measure.TARGET_5XX, now.status5xx(), before.status5xx());
    }

    private static void latency(double[] values, LatencyStats latency) {
        Percentiles recent = latency == null || latency.last10s() == null ? Percentiles.EMPTY : latency.last10s();
        if (recent.count() > 0) {
            values[Measure.LATENCY_P50_MS.ordinal()] = recent.p50Ms();
            values[Measure.LATENCY_P99_MS.ordinal()] = recent.p99Ms();
        }
    }

    /** A counter's delta; a counter that went back (without a restart) counts as nothing. */
    private static void set(double[] values, Measure measure, long now, long before) {
        values[measure.ordinal()] = Math.max(0, now - before);
    }

    private static int healthy(List<TargetStats> targets) {
        int healthy = 0;
        for (TargetStats target : targets) {
            healthy += target.healthy() ? 1 : 0;
        }
        return healthy;
    }
}
