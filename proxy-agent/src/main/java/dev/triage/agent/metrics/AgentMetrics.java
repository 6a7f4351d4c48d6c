package dev.triage.agent.metrics;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.SecurityStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.upstream.ExchangeListener;
import dev.triage.agent.upstream.UpstreamException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The agent's measurements: per route and per target group counters and latency windows, kept for
 * the agent's lifetime (they survive config swaps, so counters never go backwards). Routes and
 * groups are looked up when a config snapshot is built, never per request.
 */
public final class AgentMetrics {

    /** Totals are reported under this route name in Prometheus text. */
    public static final String ALL_ROUTES = "*";

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final RouteMetrics totals;
    private final Map<String, RouteMetrics> routes = new ConcurrentHashMap<>();
    private final Map<String, TargetGroupMetrics> groups = new ConcurrentHashMap<>();

    public AgentMetrics(LongSupplier nanoClock) {
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
        this.totals = new RouteMetrics(ALL_ROUTES, null, nanoClock);
    }

    public static AgentMetrics create() {
        return new AgentMetrics(System::nanoTime);
    }

    public RouteMetrics route(String name) {
        requireNonNull(name, "name");
        return routes.computeIfAbsent(name, n -> new RouteMetrics(n, totals, nanoClock));
    }

    public TargetGroupMetrics targetGroup(String name) {
        requireNonNull(name, "name");
        return groups.computeIfAbsent(name, n -> new TargetGroupMetrics(n, nanoClock));
    }

    /**
     * The listener a route's policies report to; attempts also count for {@code group} (or, when null,
     * the group the attempt names).
     */
    public ExchangeListener listener(RouteMetrics route, TargetGroupMetrics group) {
        requireNonNull(route, "route");
        return new RouteListener(route, group);
    }

    /** One target group's health as the upstream layer sees it, for the stats. */
    public record GroupHealth(boolean failing, List<TargetStats> targets) {
        public static final GroupHealth UNKNOWN = new GroupHealth(false, List.of());
    }

    public AgentStats stats(String configVersion, Function<String, GroupHealth> health, long accessLogDropped) {
        return stats(configVersion, health, accessLogDropped, SecurityStats.ZERO);
    }

    /** A snapshot with the security detectors' counts. */
    public AgentStats stats(
            String configVersion, Function<String, GroupHealth> health, long accessLogDropped, SecurityStats security) {
        Map<String, RouteStats> routeStats = new TreeMap<>();
        routes.forEach((name, metrics) -> routeStats.put(name, metrics.stats()));
        Map<String, TargetGroupStats> groupStats = new TreeMap<>();
        groups.forEach((name, metrics) -> {
            GroupHealth groupHealth = health.apply(name);
            GroupHealth known = groupHealth == null ? GroupHealth.UNKNOWN : groupHealth;
            groupStats.put(
                    name,
                    new TargetGroupStats(
                            name,
                            metrics.receivedCount(),
                            metrics.counts(),
                            metrics.latency(),
                            known.failing(),
                            known.targets()));
        });
        long uptimeMs = (nanoClock.getAsLong() - startNanos) / 1_000_000L;
        return new AgentStats(
                configVersion, uptimeMs, totals.stats(), routeStats, groupStats, accessLogDropped, security);
    }

    /** Prometheus text exposition format 0.0.4 of a stats snapshot. */
    public static String prometheus(AgentStats stats) {
        return PrometheusText.render(stats);
    }

    private final class RouteListener implements ExchangeListener {
        private final RouteMetrics route;
        private final TargetGroupMetrics group;

        RouteListener(RouteMetrics route, TargetGroupMetrics group) {
            this.route = route;
            this.group = group;
        }

        @Override
        public void attempt(String targetGroup, String target, int status, UpstreamException.Kind failure, long nanos) {
            route.attempt(status, failure);
            TargetGroupMetrics attempted =
                    group != null && group.name().equals(targetGroup) ? group : targetGroup(targetGroup);
            attempted.attempt(status, failure, nanos);
        }

        @Override
        public void retry() {
            route.retry();
        }

        @Override
        public void hedge() {
            route.hedge();
        }

        @Override
        public void budgetRefused() {
            route.budgetRefused();
        }

        @Override
        public void writeHeld() {
            route.writeHeld();
        }

        @Override
        public void cacheHit() {
            route.cacheHit();
        }

        @Override
        public void cacheMiss() {
            route.cacheMiss();
        }

        @Override
        public void cacheStale() {
            route.cacheStale();
        }
    }
}
