package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.metrics.AgentFreshness;
import dev.triage.core.metrics.LiveMetrics;
import dev.triage.core.metrics.Measure;
import dev.triage.core.metrics.ScopeIds;
import dev.triage.core.metrics.StatsSampler;
import dev.triage.core.metrics.StatsSource;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.slo.Slo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The overview over agents (the lab, or AWS with a fleet file of agents in front): core's {@link StatsSampler}
 * asks every agent for its stats once a second and writes the deltas into core's {@link LiveMetrics} (24 hours
 * of per-second rings per agent, target group and route, with their SLO trackers); each {@link #read()} takes
 * what the front door's agent scope holds: its SLO tracker, the last minute's latency, the last hour per
 * second, failures absorbed per target group over the last hour, and every agent's freshness.
 */
public final class AgentsLiveSource implements LiveSource, AutoCloseable {

    /** What the charts and "failures absorbed" cover. */
    public static final Duration HOUR = Duration.ofHours(1);

    static final String WHO = "the load balancer's agent";
    static final String NOTE = "per second, from the agents";
    private static final int RPS_SECONDS = 10;

    private final LiveMetrics metrics;
    private final StatsSampler sampler;
    private final List<FleetAgent> agents;
    private final FleetAgent front;
    private final LoadBalancerScope frontScope;
    private final Clock clock;
    private final Object answers = new Object();
    private long firstAnswer = Long.MIN_VALUE; // guarded by answers: the second of the front's first answer
    private boolean counting; // guarded by answers: the front answered in two different seconds

    private AgentsLiveSource(
            List<FleetAgent> agents, FleetAgent front, StatsSource stats, ScopeIds ids, Slo slo, Clock clock) {
        this.agents = List.copyOf(agents);
        this.front = requireNonNull(front, "front");
        this.clock = requireNonNull(clock, "clock");
        if (!agents.contains(front)) {
            throw new IllegalArgumentException("front: " + front.name() + " (expected: one of the agents)");
        }
        this.metrics = new LiveMetrics(clock, slo, LiveMetrics.DEFAULT_RETENTION, LiveMetrics.DEFAULT_STALE_AFTER);
        this.sampler = new StatsSampler(agents, new Watching(requireNonNull(stats, "stats")), metrics, ids, clock);
        this.frontScope = ids.agent(front);
    }

    /**
     * The sampler and the metrics it fills, not started: {@link #start} schedules it once a second (the
     * console); tests and the benchmark call {@code sampler().tick()} with a fake clock.
     *
     * @param front the agent the clients reach (the lab's edge): the overview's numbers are its own
     */
    public static AgentsLiveSource create(
            List<FleetAgent> agents, FleetAgent front, StatsSource stats, ScopeIds ids, Slo slo, Clock clock) {
        return new AgentsLiveSource(agents, front, stats, ids, slo, clock);
    }

    /**
     * Samples every agent now (the baseline, so the first counts come with the next whole second rather than
     * the one after) and then once a second on {@code scheduler} until {@link #close()}.
     */
    public void start(ScheduledExecutorService scheduler) {
        requireNonNull(scheduler, "scheduler");
        scheduler.execute(sampler::tick);
        sampler.start(scheduler);
    }

    /** The agents sampled, in order. */
    public List<FleetAgent> agents() {
        return agents;
    }

    /** The agent the clients reach: the overview's numbers are its own. */
    public FleetAgent front() {
        return front;
    }

    public StatsSampler sampler() {
        return sampler;
    }

    public LiveMetrics metrics() {
        return metrics;
    }

    @Override
    public Duration every() {
        return StatsSampler.PERIOD;
    }

    @Override
    public String who() {
        return WHO;
    }

    @Override
    public Slo slo() {
        return metrics.slo();
    }

    @Override
    public Snapshot read() {
        long end = clock.instant().getEpochSecond(); // the sampler writes up to the second before its round
        Instant at = Instant.ofEpochSecond(end);
        long first;
        boolean live;
        synchronized (answers) {
            first = firstAnswer;
            live = counting;
        }
        AgentFreshness frontFreshness = metrics.freshness(front.name());
        List<String> unreachable = new ArrayList<>();
        for (AgentFreshness agent : metrics.freshness()) {
            if (!agent.agent().equals(front.name())
                    && agent.stale()
                    && (agent.problem() != null || agent.lastSample() != null)) {
                unreachable.add(agent.agent());
            }
        }
        boolean frontStale =
                frontFreshness.stale() && (frontFreshness.problem() != null || frontFreshness.lastSample() != null);
        String stale = frontStale
                ? WHO + " did not answer"
                        + (frontFreshness.problem() == null ? "" : " (" + frontFreshness.problem() + ")")
                : "";
        if (!live) {
            return new Snapshot(
                    at,
                    false,
                    NOTE,
                    metrics.sloTracker(frontScope),
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    0,
                    Snapshot.History.EMPTY,
                    List.of(),
                    "",
                    frontFreshness.lastSample(),
                    stale,
                    unreachable);
        }
        long measuredTo = frontFreshness.lastSample() == null
                ? end
                : Math.min(end, frontFreshness.lastSample().getEpochSecond());
        long chartFrom = Math.max(end - HOUR.toSeconds(), first);
        int seconds = (int) Math.max(0, measuredTo - chartFrom);
        Instant from = Instant.ofEpochSecond(chartFrom);
        Snapshot.History history = new Snapshot.History(
                chartFrom,
                1,
                metrics.perSecond(frontScope, Measure.REQUESTS, from, seconds),
                metrics.perSecond(frontScope, Measure.FAILED, from, seconds),
                metrics.perSecond(frontScope, Measure.LATENCY_P99_MS, from, seconds));
        Instant minuteAgo = at.minusSeconds(60);
        double lastMinute = metrics.sum(frontScope, Measure.REQUESTS, minuteAgo, at);
        OptionalDouble p50 = OptionalDouble.empty();
        OptionalDouble p99 = OptionalDouble.empty();
        if (lastMinute > 0) {
            p50 = OptionalDouble.of(latency(Measure.LATENCY_P50_MS, minuteAgo, at));
            p99 = OptionalDouble.of(latency(Measure.LATENCY_P99_MS, minuteAgo, at));
        }
        int rpsSeconds = (int) Math.clamp(measuredTo - first, 1, RPS_SECONDS);
        double rps = metrics.sum(
                        frontScope,
                        Measure.REQUESTS,
                        Instant.ofEpochSecond(measuredTo - rpsSeconds),
                        Instant.ofEpochSecond(measuredTo))
                / rpsSeconds;
        return new Snapshot(
                at,
                true,
                NOTE,
                metrics.sloTracker(frontScope),
                p50,
                p99,
                rps,
                history,
                metrics.absorbed(Instant.ofEpochSecond(Math.max(end - HOUR.toSeconds(), first)), at),
                "",
                frontFreshness.lastSample(),
                stale,
                unreachable);
    }

    /** The minute's latency, weighted by each second's requests (as core's Metrics port does). */
    private double latency(Measure measure, Instant from, Instant to) {
        return metrics.series(frontScope, measure, from, to, Duration.ofSeconds(60))
                .points()
                .getLast()
                .value();
    }

    /** Stops sampling. */
    @Override
    public void close() {
        sampler.close();
    }

    /** Notes in which seconds the front door's agent answered: its second answer gives the first counts. */
    private final class Watching implements StatsSource {
        private final StatsSource delegate;

        Watching(StatsSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<AgentStats> stats(FleetAgent agent) {
            CompletableFuture<AgentStats> answer = delegate.stats(agent);
            if (!agent.equals(front)) {
                return answer;
            }
            long asked = clock.instant().getEpochSecond();
            return answer.thenApply(stats -> {
                synchronized (answers) {
                    if (firstAnswer == Long.MIN_VALUE) {
                        firstAnswer = asked;
                    } else if (asked > firstAnswer) {
                        counting = true;
                    }
                }
                return stats;
            });
        }

        @Override
        public CompletableFuture<AgentConfig> config(FleetAgent agent) {
            return delegate.config(agent);
        }
    }
}
