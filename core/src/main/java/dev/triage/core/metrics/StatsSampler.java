package dev.triage.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.RouteStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.port.MetricQuery.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every agent for its stats once a second and writes what changed since the previous answer into a
 * {@link LiveMetrics}: the counters' deltas, spread over the seconds between the two answers (at most an
 * hour), latency and health on the last of them. An agent that restarted (its uptime or request counter
 * went back) counts from zero over its uptime. The first answer of an agent is only a baseline. The agent's
 * config is read at the start, when the stats show another config version, and every 30 s, to know each
 * route's listener and target groups.
 *
 * <p>{@link #tick()} is one round; {@link #start} runs it on a scheduler at each whole second. An agent
 * still answering the previous round is not asked again. Times come from the injected clock, so a test
 * that calls {@link #tick()} with a fake clock and a fake {@link StatsSource} is deterministic.
 */
public final class StatsSampler implements AutoCloseable {

    public static final Duration PERIOD = Duration.ofSeconds(1);
    static final long CONFIG_REFRESH_SECONDS = 30;
    static final long MAX_SPREAD_SECONDS = 3_600;

    private static final Logger LOG = LoggerFactory.getLogger(StatsSampler.class);

    private final StatsSource source;
    private final LiveMetrics metrics;
    private final ScopeIds ids;
    private final Clock clock;
    private final List<Sampling> agents;
    private ScheduledFuture<?> schedule;

    public StatsSampler(List<FleetAgent> agents, StatsSource source, LiveMetrics metrics, ScopeIds ids, Clock clock) {
        requireNonNull(agents, "agents");
        this.source = requireNonNull(source, "source");
        this.metrics = requireNonNull(metrics, "metrics");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
        Set<String> names = new LinkedHashSet<>();
        for (FleetAgent agent : agents) {
            if (!names.add(requireNonNull(agent, "agent").name())) {
                throw new IllegalArgumentException("agents: " + agent.name() + " twice (expected: each agent once)");
            }
        }
        this.agents = agents.stream().map(Sampling::new).toList();
        for (Sampling sampling : this.agents) {
            metrics.register(sampling.agent.name(), ids.agent(sampling.agent));
        }
    }

    /** Runs {@link #tick()} every second on {@code scheduler}, from the next whole second of the clock. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        requireNonNull(scheduler, "scheduler");
        if (schedule != null) {
            throw new IllegalStateException("the sampler is already started");
        }
        long delay = 1_000 - Math.floorMod(clock.millis(), 1_000L);
        schedule = scheduler.scheduleAtFixedRate(this::safeTick, delay, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule; a round under way finishes. */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /**
     * One round: asks every agent not still answering the previous round. Returns when every request is
     * sent; each answer is written when it arrives (at once with a source that answers at once).
     *
     * @return a future that completes when every answer of this round was written (never fails)
     */
    public CompletableFuture<Void> tick() {
        Instant now = clock.instant();
        CompletableFuture<?>[] rounds = new CompletableFuture<?>[agents.size()];
        for (int i = 0; i < agents.size(); i++) {
            rounds[i] = agents.get(i).ask(now);
        }
        return CompletableFuture.allOf(rounds);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("a stats round failed to start", e);
        }
    }

    /** One agent's sampling state; every field is guarded by the instance. */
    private final class Sampling {
        final FleetAgent agent;
        boolean inFlight;
        AgentStats previous;
        long previousSecond;
        Routing routing;
        String configVersion;
        long configSecond;

        Sampling(FleetAgent agent) {
            this.agent = agent;
        }

        CompletableFuture<Void> ask(Instant now) {
            long second = now.getEpochSecond();
            boolean needConfig;
            synchronized (this) {
                if (inFlight) {
                    return CompletableFuture.completedFuture(null);
                }
                inFlight = true;
                needConfig = routing == null || second - configSecond >= CONFIG_REFRESH_SECONDS;
            }
            metrics.attempted(agent.name(), now);
            CompletableFuture<AgentStats> stats;
            CompletableFuture<AgentConfig> config;
            try {
                stats = source.stats(agent);
                config = needConfig ? source.config(agent) : CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                stats = CompletableFuture.failedFuture(e);
                config = CompletableFuture.completedFuture(null);
            }
            return stats.thenCombine(config, (s, c) -> {
                        record(s, c, now);
                        return (Void) null;
                    })
                    .handle((ok, failure) -> {
                        if (failure != null) {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause()
                                    : failure;
                            metrics.failed(agent.name(), String.valueOf(cause.getMessage()));
                        }
                        synchronized (this) {
                            inFlight = false;
                        }
                        return null;
                    });
        }

        synchronized void record(AgentStats stats, AgentConfig config, Instant now) {
            long second = now.getEpochSecond();
            if (config != null) {
                routing = Routing.of(config);
                configVersion = config.version();
                configSecond = second;
            }
            if (!Objects.equals(stats.configVersion(), configVersion)) {
                configSecond = Long.MIN_VALUE / 2; // read the config again next round
            }
            metrics.sampled(agent.name(), now);
            if (previous == null) {
                write(second - 1, 1, stats, null);
            } else if (second > previousSecond) {
                long gap = second - previousSecond;
                boolean restarted = StatsDeltas.restarted(previous, stats);
                long span = restarted ? Math.clamp(Math.ceilDiv(stats.uptimeMs(), 1_000L), 1, gap) : gap;
                span = Math.min(span, MAX_SPREAD_SECONDS);
                write(second - span, (int) span, stats, restarted ? null : previous);
            } else {
                return; // a second answer within the same second: wait for the next one
            }
            previous = stats;
            previousSecond = second;
        }

        /** Writes the deltas; {@code base} null: a baseline (no counts) when {@code previous} is null too. */
        private void write(long from, int seconds, AgentStats current, AgentStats base) {
            boolean baseline = previous == null;
            AgentStats against = baseline ? current : base;
            String name = agent.name();
            metrics.scopeSeries(ids.agent(agent), name, ScopeSeries.Kind.AGENT, name)
                    .write(from, seconds, StatsDeltas.agent(current, against));
            Map<String, Double> routeFailures = new HashMap<>();
            for (Map.Entry<String, RouteStats> entry : new TreeMap<>(current.routes()).entrySet()) {
                RouteStats before = against == null ? null : against.routes().get(entry.getKey());
                double[] values = StatsDeltas.route(entry.getValue(), before);
                routeFailures.put(entry.getKey(), values[Measure.FAILED.ordinal()]);
                Routing.Route route = routing == null ? null : routing.route(entry.getKey());
                if (route == null) {
                    configSecond = Long.MIN_VALUE / 2; // an unknown route: read the config again next round
                    continue;
                }
                Scope scope = ids.route(agent, route.listener(), route.rule());
                metrics.scopeSeries(scope, name, ScopeSeries.Kind.ROUTE, entry.getKey())
                        .write(from, seconds, values);
            }
            Map<String, double[]> groups = new TreeMap<>();
            Map<String, Double> groupFailures = new HashMap<>();
            for (Map.Entry<String, TargetGroupStats> entry : new TreeMap<>(current.targetGroups()).entrySet()) {
                TargetGroupStats before =
                        against == null ? null : against.targetGroups().get(entry.getKey());
                double[] values = StatsDeltas.targetGroup(entry.getValue(), before);
                groups.put(entry.getKey(), values);
                groupFailures.put(entry.getKey(), values[Measure.UPSTREAM_FAILED.ordinal()]);
            }
            Map<String, Double> attributed =
                    StatsDeltas.attribute(routeFailures, groupFailures, routing == null ? Routing.NONE : routing);
            attributed.forEach((group, failed) -> groups.computeIfAbsent(
                            group, g -> new double[Measure.values().length])[Measure.FAILED.ordinal()] = failed);
            groups.forEach((group, values) -> metrics.scopeSeries(
                            ids.targetGroup(agent, group), name, ScopeSeries.Kind.TARGET_GROUP, group)
                    .write(from, seconds, values));
        }
    }
}
