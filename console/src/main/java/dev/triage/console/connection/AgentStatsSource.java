package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEndpoint;
import dev.triage.console.overview.LiveSource;
import dev.triage.console.overview.Reading;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Readings from the agents' admin API ({@code GET /admin/stats}): the front door is the agent
 * acting as the load balancer; every agent reports its own failures. Until core's Metrics and
 * AgentFleet land, this is how the console gets live numbers.
 */
final class AgentStatsSource implements LiveSource {

    private static final long TIMEOUT_SECONDS = 5;

    private final AgentClient client;
    private final AgentEndpoint front;
    private final List<AgentEndpoint> agents;
    private final Clock clock;

    AgentStatsSource(AgentClient client, AgentEndpoint front, List<AgentEndpoint> agents, Clock clock) {
        this.client = requireNonNull(client, "client");
        this.front = requireNonNull(front, "front");
        this.agents = List.copyOf(agents);
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Reading read() throws Exception {
        Map<AgentEndpoint, CompletableFuture<AgentStats>> calls = new LinkedHashMap<>();
        for (AgentEndpoint agent : agents) {
            calls.put(agent, client.stats(agent));
        }
        // the front door must answer; the others are best effort
        AgentStats frontStats = calls.get(front).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<Reading.AgentFailures> failures = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (Map.Entry<AgentEndpoint, CompletableFuture<AgentStats>> call : calls.entrySet()) {
            AgentStats stats;
            try {
                stats = call.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                unreachable.add(call.getKey().name());
                continue;
            }
            failures.add(failures(call.getKey().name(), stats));
        }
        RouteStats totals = frontStats.totals();
        var latency = totals.latency().last1m();
        Reading.Front frontReading = new Reading.Front(
                totals.requests().total(), totals.requests().status5xx(), latency.p50Ms(), latency.p99Ms());
        return new Reading(clock.instant(), frontReading, failures, unreachable);
    }

    static Reading.AgentFailures failures(String name, AgentStats stats) {
        List<Reading.GroupFailures> groups = new ArrayList<>();
        stats.targetGroups().values().stream()
                .sorted(java.util.Comparator.comparing(TargetGroupStats::name))
                .forEach(group -> groups.add(new Reading.GroupFailures(
                        group.name(),
                        group.requestsReceived(),
                        group.attempts().attempts(),
                        group.attempts().failed())));
        return new Reading.AgentFailures(name, groups, stats.totals().requests().status5xx());
    }
}
