package dev.triage.core.metrics;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Condition;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.api.config.Rule;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.Percentiles;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.core.fleet.FleetAgent;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One agent's cumulative counters, moved by the test, served as {@link AgentStats} by a {@link StatsSource}
 * that answers at once (or fails, while {@link #down} is set). Its config: listener "web" with rule "split"
 * (forward to "old" and "new", weights 90/10) and a default action forwarding to "old".
 */
final class FakeAgent implements StatsSource {

    static final FleetAgent AGENT =
            new FleetAgent("edge", new AgentEndpoint("edge", URI.create("http://127.0.0.1:1"), "fake-token"));

    long uptimeMs = 60_000;
    boolean down;
    int configReads;
    String configVersion = "v1";
    final Counters split = new Counters();
    final Counters fallback = new Counters();
    final Counters oldGroup = new Counters();
    final Counters newGroup = new Counters();
    boolean newHealthy = true;

    /** Cumulative counters of one route or group. */
    static final class Counters {
        long requests;
        long failed;
        long attempts;
        long attemptsFailed;
        long target5xx;
        long cacheHits;
        long cacheMisses;
        long cacheStale;
        double p50Ms;
        double p99Ms;

        void serve(long requests, long failed) {
            this.requests += requests;
            this.failed += failed;
        }

        void attempt(long attempts, long failed) {
            this.attempts += attempts;
            this.attemptsFailed += failed;
            this.target5xx += failed;
        }

        void reset() {
            requests = failed = attempts = attemptsFailed = target5xx = cacheHits = cacheMisses = cacheStale = 0;
        }

        RouteStats route(String name) {
            return new RouteStats(
                    name,
                    new RequestCounts(requests, requests - failed, 0, 0, failed),
                    new UpstreamCounts(attempts, attemptsFailed, target5xx, Map.of()),
                    new PolicyCounts(0, 0, 0, 0, cacheHits, cacheMisses, cacheStale),
                    latency());
        }

        LatencyStats latency() {
            Percentiles recent = new Percentiles(requests + attempts, p50Ms, p50Ms, p99Ms, p99Ms, p99Ms);
            return new LatencyStats(recent, recent, recent, recent);
        }
    }

    void restart(long uptimeMs) {
        this.uptimeMs = uptimeMs;
        split.reset();
        fallback.reset();
        oldGroup.reset();
        newGroup.reset();
    }

    AgentStats stats() {
        Counters totals = new Counters();
        for (Counters route : List.of(split, fallback)) {
            totals.requests += route.requests;
            totals.failed += route.failed;
            totals.attempts += route.attempts;
            totals.attemptsFailed += route.attemptsFailed;
            totals.target5xx += route.target5xx;
            totals.cacheHits += route.cacheHits;
            totals.cacheMisses += route.cacheMisses;
            totals.cacheStale += route.cacheStale;
            totals.p50Ms = Math.max(totals.p50Ms, route.p50Ms);
            totals.p99Ms = Math.max(totals.p99Ms, route.p99Ms);
        }
        return new AgentStats(
                configVersion,
                uptimeMs,
                totals.route("*"),
                Map.of("split", split.route("split"), "default:web", fallback.route("default:web")),
                Map.of(
                        "old", group("old", oldGroup, true),
                        "new", group("new", newGroup, newHealthy)),
                0);
    }

    private static TargetGroupStats group(String name, Counters counters, boolean healthy) {
        return new TargetGroupStats(
                name,
                counters.requests,
                new UpstreamCounts(counters.attempts, counters.attemptsFailed, counters.target5xx, Map.of()),
                counters.latency(),
                false,
                List.of(new TargetStats("127.0.0.1:" + (name.length() + 8000), healthy, 0)));
    }

    static AgentConfig config(String version) {
        Action split = new Action(
                Action.FORWARD,
                new Action.Forward(
                        List.of(new Action.WeightedTargetGroup("old", 90), new Action.WeightedTargetGroup("new", 10)),
                        null),
                null,
                null);
        Rule rule = new Rule(
                "split",
                10,
                List.of(new Condition(Condition.PATH_PATTERN, null, List.of("/*"), null)),
                split,
                RoutePolicy.NONE);
        return new AgentConfig(
                version,
                List.of(new Listener("web", "HTTP", "127.0.0.1", 1, List.of(rule), Action.forwardTo("old"))),
                List.of(
                        new TargetGroup("old", List.of(new TargetGroup.Target("127.0.0.1", 2)), 0, 0, 0, null),
                        new TargetGroup("new", List.of(new TargetGroup.Target("127.0.0.1", 3)), 0, 0, 0, null)),
                null,
                null);
    }

    @Override
    public CompletableFuture<AgentStats> stats(FleetAgent agent) {
        return down
                ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                : CompletableFuture.completedFuture(stats());
    }

    @Override
    public CompletableFuture<AgentConfig> config(FleetAgent agent) {
        configReads++;
        return down
                ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                : CompletableFuture.completedFuture(config(configVersion));
    }
}
