package dev.triage.console.overview;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
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
import dev.triage.core.metrics.StatsSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One agent acting as the load balancer, its cumulative counters moved by the test, answering at once (or
 * failing while {@link #down}). Its config: listener "web" whose default action forwards to group "hosp".
 */
final class FakeEdge implements StatsSource {

    static final FleetAgent EDGE =
            new FleetAgent("edge", new AgentEndpoint("edge", URI.create("http://127.0.0.1:1"), "fake-token"));

    boolean down;
    long requests;
    long failed;
    long attempts;
    long attemptsFailed;
    double p50Ms = 40;
    double p99Ms = 900;
    private long uptimeMs = 1_000;

    /** Serves requests (failed of them with a 5XX), each making one attempt upstream. */
    void serve(long requests, long failed) {
        this.requests += requests;
        this.failed += failed;
        this.attempts += requests;
        this.attemptsFailed += failed;
    }

    /** Upstream failures a retry absorbed: extra attempts, failed, the clients saw nothing. */
    void absorb(long failedAttempts) {
        this.attempts += failedAttempts;
        this.attemptsFailed += failedAttempts;
    }

    AgentStats stats() {
        uptimeMs += 1_000;
        Percentiles recent = new Percentiles(requests, p50Ms, p50Ms, p99Ms, p99Ms, p99Ms);
        LatencyStats latency = new LatencyStats(recent, recent, recent, recent);
        UpstreamCounts upstream = new UpstreamCounts(attempts, attemptsFailed, attemptsFailed, Map.of());
        RouteStats route = new RouteStats(
                "default:web",
                new RequestCounts(requests, requests - failed, 0, 0, failed),
                upstream,
                new PolicyCounts(0, 0, 0, 0, 0, 0, 0),
                latency);
        RouteStats totals = new RouteStats("*", route.requests(), upstream, route.policies(), latency);
        TargetGroupStats group = new TargetGroupStats(
                "hosp", requests, upstream, latency, false, List.of(new TargetStats("127.0.0.1:8080", true, 0)));
        return new AgentStats("v1", uptimeMs, totals, Map.of("default:web", route), Map.of("hosp", group), 0);
    }

    static AgentConfig config() {
        return new AgentConfig(
                "v1",
                List.of(new Listener("web", "HTTP", "127.0.0.1", 1, List.of(), Action.forwardTo("hosp"))),
                List.of(new TargetGroup("hosp", List.of(new TargetGroup.Target("127.0.0.1", 2)), 0, 0, 0, null)),
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
        return down
                ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                : CompletableFuture.completedFuture(config());
    }
}
