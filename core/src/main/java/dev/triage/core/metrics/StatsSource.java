package dev.triage.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.VersionedConfig;
import dev.triage.core.fleet.FleetAgent;
import java.util.concurrent.CompletableFuture;

/** Where a {@link StatsSampler} gets an agent's stats and config: its admin API, or a fake in tests. */
public interface StatsSource {

    /** The agent's live stats ({@code GET /admin/stats}); fails when it does not answer. */
    CompletableFuture<AgentStats> stats(FleetAgent agent);

    /** The config it runs ({@code GET /admin/config}), to map its routes to listeners and target groups. */
    CompletableFuture<AgentConfig> config(FleetAgent agent);

    /** The agents' admin API through {@code client} (not closed by the sampler). */
    static StatsSource over(AgentClient client) {
        requireNonNull(client, "client");
        return new StatsSource() {
            @Override
            public CompletableFuture<AgentStats> stats(FleetAgent agent) {
                return client.stats(agent.endpoint());
            }

            @Override
            public CompletableFuture<AgentConfig> config(FleetAgent agent) {
                return client.config(agent.endpoint()).thenApply(VersionedConfig::config);
            }
        };
    }
}
