package dev.triage.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.Percentiles;
import dev.triage.agent.api.stats.PolicyCounts;
import dev.triage.agent.api.stats.RequestCounts;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.UpstreamCounts;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.core.fleet.FleetAgent;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayedStatsTest {

    private static final FleetAgent EDGE =
            new FleetAgent("edge", new AgentEndpoint("edge", URI.create("http://127.0.0.1:1"), "t"));

    private static AgentStats stats(long uptimeMs, long requests, long failed, double p99) {
        Percentiles recent = new Percentiles(requests, p99, p99, p99, p99, p99);
        LatencyStats latency = new LatencyStats(recent, recent, recent, recent);
        UpstreamCounts upstream = new UpstreamCounts(requests, failed, failed, Map.of());
        RouteStats route = new RouteStats(
                "*",
                new RequestCounts(requests, requests - failed, 0, 0, failed),
                upstream,
                new PolicyCounts(0, 0, 0, 0, 0, 0, 0),
                latency);
        TargetGroupStats group = new TargetGroupStats("hosp", requests, upstream, latency, false, List.of());
        return new AgentStats("v1", uptimeMs, route, Map.of("*", route), Map.of("hosp", group), 0);
    }

    @Test
    void countersKeepGrowingAtTheRecordedRateWhileLatenciesRepeat() {
        ReplayedStats replay = new ReplayedStats(
                Map.of("edge", List.of(stats(1_000, 100, 1, 50), stats(2_000, 110, 1, 900), stats(3_000, 130, 2, 60))),
                Map.of());
        long previous = -1;
        for (int n = 0; n < 7; n++) {
            AgentStats at = replay.stats(EDGE).join();
            assertThat(at.totals().requests().total()).isGreaterThan(previous);
            previous = at.totals().requests().total();
            replay.next();
        }
        // reading 6 is reading 0 three cycles on (two recorded seconds a cycle): 100 + 3 * 30 requests
        assertThat(previous).isEqualTo(190);
        AgentStats moved =
                ReplayedStats.agentAt(stats(1_000, 100, 1, 50), stats(1_000, 100, 1, 50), stats(3_000, 130, 2, 60), 3);
        assertThat(moved.totals().requests().total()).isEqualTo(190);
        assertThat(moved.totals().requests().status5xx()).isEqualTo(4);
        assertThat(moved.targetGroups().get("hosp").attempts().failed()).isEqualTo(4);
        assertThat(moved.uptimeMs()).isEqualTo(7_000);
        assertThat(moved.totals().latency().last10s().p99Ms()).isEqualTo(50);
    }
}
