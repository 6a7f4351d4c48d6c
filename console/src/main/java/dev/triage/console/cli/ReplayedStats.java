package dev.triage.console.cli;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.metrics.StatsSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Agents' stats recorded from a running lab, one reading a second for a few seconds, replayed as long as
 * wanted: reading {@code n} is recorded reading {@code n mod R} with every counter moved on by {@code n div R}
 * times what it grew over the recording (so counters keep growing at the recorded rate and never go back);
 * latencies, health and gauges are the recorded ones. {@link #next()} moves every agent to the next reading
 * (one simulated second).
 */
final class ReplayedStats implements StatsSource {

    private final Map<String, List<AgentStats>> recorded;
    private final Map<String, AgentConfig> configs;
    private final int period;
    private long reading;

    /**
     * @param recorded per agent name, {@code R + 1} readings one second apart (R at least 1)
     * @param configs per agent name, the config it ran
     */
    ReplayedStats(Map<String, List<AgentStats>> recorded, Map<String, AgentConfig> configs) {
        this.recorded = Map.copyOf(recorded);
        this.configs = Map.copyOf(configs);
        int sizes = -1;
        for (List<AgentStats> readings : recorded.values()) {
            if (readings.size() < 2 || (sizes >= 0 && sizes != readings.size())) {
                throw new IllegalArgumentException("recorded: " + readings.size()
                        + " readings (expected: the same number, at least 2, per agent)");
            }
            sizes = readings.size();
        }
        this.period = sizes - 1;
    }

    synchronized void next() {
        reading++;
    }

    @Override
    public CompletableFuture<AgentStats> stats(FleetAgent agent) {
        List<AgentStats> readings = recorded.get(agent.name());
        if (readings == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing recorded for " + agent.name()));
        }
        long n;
        synchronized (this) {
            n = reading;
        }
        AgentStats first = readings.getFirst();
        AgentStats last = readings.getLast();
        return CompletableFuture.completedFuture(agentAt(readings.get((int) (n % period)), first, last, n / period));
    }

    @Override
    public CompletableFuture<AgentConfig> config(FleetAgent agent) {
        AgentConfig config = configs.get(agent.name());
        return config == null
                ? CompletableFuture.failedFuture(new IllegalStateException("no config recorded for " + agent.name()))
                : CompletableFuture.completedFuture(config);
    }

    static AgentStats agentAt(AgentStats at, AgentStats first, AgentStats last, long cycles) {
        requireNonNull(at, "at");
        Map<String, RouteStats> routes = new LinkedHashMap<>();
        at.routes()
                .forEach((name, route) -> routes.put(
                        name,
                        routeAt(route, first.routes().get(name), last.routes().get(name), cycles)));
        Map<String, TargetGroupStats> groups = new LinkedHashMap<>();
        at.targetGroups()
                .forEach((name, group) -> groups.put(
                        name,
                        groupAt(
                                group,
                                first.targetGroups().get(name),
                                last.targetGroups().get(name),
                                cycles)));
        return new AgentStats(
                at.configVersion(),
                moved(at.uptimeMs(), first.uptimeMs(), last.uptimeMs(), cycles),
                routeAt(at.totals(), first.totals(), last.totals(), cycles),
                routes,
                groups,
                moved(at.accessLogDropped(), first.accessLogDropped(), last.accessLogDropped(), cycles),
                at.security());
    }

    private static RouteStats routeAt(RouteStats at, RouteStats first, RouteStats last, long cycles) {
        if (first == null || last == null) {
            return at;
        }
        RequestCounts r = at.requests();
        RequestCounts f = first.requests();
        RequestCounts l = last.requests();
        PolicyCounts p = at.policies();
        PolicyCounts pf = first.policies();
        PolicyCounts pl = last.policies();
        return new RouteStats(
                at.name(),
                new RequestCounts(
                        moved(r.total(), f.total(), l.total(), cycles),
                        moved(r.status2xx(), f.status2xx(), l.status2xx(), cycles),
                        moved(r.status3xx(), f.status3xx(), l.status3xx(), cycles),
                        moved(r.status4xx(), f.status4xx(), l.status4xx(), cycles),
                        moved(r.status5xx(), f.status5xx(), l.status5xx(), cycles)),
                upstreamAt(at.upstream(), first.upstream(), last.upstream(), cycles),
                new PolicyCounts(
                        moved(p.retries(), pf.retries(), pl.retries(), cycles),
                        moved(p.hedges(), pf.hedges(), pl.hedges(), cycles),
                        moved(p.budgetRefusals(), pf.budgetRefusals(), pl.budgetRefusals(), cycles),
                        moved(p.writesHeld(), pf.writesHeld(), pl.writesHeld(), cycles),
                        moved(p.cacheHits(), pf.cacheHits(), pl.cacheHits(), cycles),
                        moved(p.cacheMisses(), pf.cacheMisses(), pl.cacheMisses(), cycles),
                        moved(p.cacheStale(), pf.cacheStale(), pl.cacheStale(), cycles)),
                at.latency());
    }

    private static TargetGroupStats groupAt(
            TargetGroupStats at, TargetGroupStats first, TargetGroupStats last, long cycles) {
        if (first == null || last == null) {
            return at;
        }
        return new TargetGroupStats(
                at.name(),
                moved(at.requestsReceived(), first.requestsReceived(), last.requestsReceived(), cycles),
                upstreamAt(at.attempts(), first.attempts(), last.attempts(), cycles),
                at.attemptLatency(),
                at.failing(),
                at.targets());
    }

    private static UpstreamCounts upstreamAt(
            UpstreamCounts at, UpstreamCounts first, UpstreamCounts last, long cycles) {
        return new UpstreamCounts(
                moved(at.attempts(), first.attempts(), last.attempts(), cycles),
                moved(at.failed(), first.failed(), last.failed(), cycles),
                moved(at.status5xx(), first.status5xx(), last.status5xx(), cycles),
                at.failuresByKind());
    }

    /** A counter {@code cycles} recordings on; one that went back during the recording (a restart) is not moved. */
    private static long moved(long at, long first, long last, long cycles) {
        long growth = last - first;
        return growth <= 0 ? at : at + cycles * growth;
    }
}
