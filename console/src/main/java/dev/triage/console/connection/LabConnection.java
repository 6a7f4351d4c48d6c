package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.client.AgentClient;
import dev.triage.console.overview.AgentsLiveSource;
import dev.triage.console.overview.LiveSources;
import dev.triage.console.security.SecuritySource;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.fleet.AdminApiFleet;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.lab.LabAccessLogs;
import dev.triage.core.lab.LabDescription;
import dev.triage.core.lab.LabFleet;
import dev.triage.core.lab.LabLoadBalancers;
import dev.triage.core.metrics.StatsSource;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.Metrics;
import dev.triage.core.slo.Slo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A lab reached through its agents' admin APIs: attached by describe file, or embedded. */
final class LabConnection implements Connection {

    private final Place place;
    private final AgentClient client;
    private final LabLoadBalancers loadBalancers;
    private final AuditJournal journal;
    private final AgentsLiveSource live;
    private final LiveSources sources;
    private final ScheduledExecutorService sampling;
    private final SecuritySource security;
    private final AdminApiFleet fleet;
    private final LabAccessLogs accessLogs;
    private final List<AutoCloseable> owned;

    LabConnection(Place place, LabDescription description, Path journalFile, List<AutoCloseable> owned) {
        this.place = requireNonNull(place, "place");
        this.client = AgentClient.create();
        this.loadBalancers = new LabLoadBalancers(description, client);
        this.journal = new AuditJournal(requireNonNull(journalFile, "journalFile"));
        List<FleetAgent> agents = LabFleet.agents(description);
        FleetAgent front = agents.stream()
                .filter(a -> a.name().equals(description.edge().name()))
                .findFirst()
                .orElseThrow();
        this.live = AgentsLiveSource.create(
                agents, front, StatsSource.over(client), LabFleet.SCOPE_IDS, Slo.DEFAULT, Clock.systemUTC());
        this.sampling = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("overview-sampler").factory());
        this.live.start(sampling);
        this.sources = LiveSources.of(live, front.name());
        this.security =
                new AgentSecuritySource(client, LabFleet.agents(description), this.loadBalancers::requiredHeaders);
        this.fleet = new AdminApiFleet(LabFleet.agents(description), client);
        this.accessLogs = new LabAccessLogs(this.loadBalancers);
        this.owned = List.copyOf(owned);
    }

    @Override
    public Place place() {
        return place;
    }

    @Override
    public LoadBalancers loadBalancers() {
        return loadBalancers;
    }

    @Override
    public AuditJournal journal() {
        return journal;
    }

    @Override
    public LiveSources live() {
        return sources;
    }

    @Override
    public SecuritySource security() {
        return security;
    }

    @Override
    public AgentFleet fleet() {
        return fleet;
    }

    /**
     * The per-second metrics the overview's sampler fills from the agents' stats; a target group's come from the
     * edge agent's stats for that group.
     */
    @Override
    public Optional<Metrics> metrics() {
        return Optional.of(live.metrics());
    }

    @Override
    public Duration metricsPeriod() {
        return Duration.ofSeconds(1);
    }

    /** The edge agent's JSON-lines access log, read as ALB log entries. */
    @Override
    public Optional<AccessLogs> accessLogs() {
        return Optional.of(accessLogs);
    }

    @Override
    public void close() {
        live.close();
        sampling.shutdownNow();
        loadBalancers.close();
        client.close();
        for (AutoCloseable part : owned.reversed()) {
            try {
                part.close();
            } catch (Exception ignored) {
                // best effort on the way out; the lab's parts are independent
            }
        }
    }
}
