package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.metrics.FailuresAbsorbed;
import dev.triage.core.metrics.LiveMetrics;
import dev.triage.core.metrics.ScopeIds;
import dev.triage.core.metrics.StatsSampler;
import dev.triage.core.metrics.StatsSource;
import dev.triage.core.slo.Slo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * "Failures absorbed" on AWS from the agents of a fleet file (in front of the targets, behind the load
 * balancer): core's {@link StatsSampler} asks each agent for its stats once a second into core's {@link
 * LiveMetrics}, as on the lab; the CloudWatch source shows the last hour of it under its own numbers. The
 * agents are not tied to one load balancer, so every agent's target groups show whichever is chosen.
 */
public final class AgentsAbsorbed implements AutoCloseable {

    private final LiveMetrics metrics;
    private final StatsSampler sampler;
    private final Clock clock;

    private AgentsAbsorbed(List<FleetAgent> agents, StatsSource stats, Slo slo, Clock clock) {
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("agents: none (expected: at least one agent of the fleet file)");
        }
        this.clock = requireNonNull(clock, "clock");
        this.metrics = new LiveMetrics(clock, slo, LiveMetrics.DEFAULT_RETENTION, LiveMetrics.DEFAULT_STALE_AFTER);
        this.sampler = new StatsSampler(agents, requireNonNull(stats, "stats"), metrics, ScopeIds.AGENTS, clock);
    }

    /** Not started: {@link #start} samples once a second; tests call {@code sampler().tick()}. */
    public static AgentsAbsorbed create(List<FleetAgent> agents, StatsSource stats, Slo slo, Clock clock) {
        return new AgentsAbsorbed(
                List.copyOf(requireNonNull(agents, "agents")), stats, requireNonNull(slo, "slo"), clock);
    }

    /** Samples every agent now (the baseline) and then once a second on {@code scheduler} until closed. */
    public void start(ScheduledExecutorService scheduler) {
        requireNonNull(scheduler, "scheduler");
        scheduler.execute(sampler::tick);
        sampler.start(scheduler);
    }

    public StatsSampler sampler() {
        return sampler;
    }

    /** Per target group of every agent, over the last hour up to the last whole second. */
    List<FailuresAbsorbed> lastHour() {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        return metrics.absorbed(now.minus(AgentsLiveSource.HOUR), now);
    }

    @Override
    public void close() {
        sampler.close();
    }
}
