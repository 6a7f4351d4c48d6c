package dev.triage.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.domain.SloState;
import dev.triage.core.fleet.AdminApiFleet;
import dev.triage.core.fleet.FleetTraffic;
import dev.triage.core.port.AgentFleet.Traffic;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Scope;
import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;
import dev.triage.core.port.Metrics;
import dev.triage.core.slo.Slo;
import dev.triage.core.slo.SloTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Per-second metrics from agents' stats, kept in memory for a bounded time (24 hours by default): per
 * agent (as a load balancer), per target group and per route; success, latency, request rate, upstream
 * attempts and failures, cache results, target health. Fed by a {@link StatsSampler}; read by the
 * console and through the {@link Metrics} port. Seconds nobody measured read as zero; {@link
 * #freshness} tells whether an agent's series are still live.
 *
 * <p>As the {@link Metrics} port: {@code RequestCount} is client requests; {@code HTTPCode_ELB_5XX_Count}
 * every 5XX the clients got (the failures against the SLO, whatever their origin);
 * {@code HTTPCode_Target_5XX_Count} every 5XX a target answered, including those a retry absorbed (unlike
 * ALB's, the two overlap: do not add them); {@code TargetResponseTime} the agent's p50/p99 over its last
 * 10 s in seconds (client-visible for agents and routes, of attempts for target groups); host counts per
 * target group (summed over groups for an agent). Periods longer than a second sum counts, average gauges
 * and weight latencies by requests.
 *
 * <p>Thread-safe.
 */
public final class LiveMetrics implements Metrics, FleetTraffic {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(3);
    /** The window of {@link #traffic}: the agent's last 10 measured seconds. */
    public static final Duration TRAFFIC_WINDOW = Duration.ofSeconds(10);

    private final Clock clock;
    private final Slo slo;
    private final int retentionSeconds;
    private final Duration staleAfter;
    private final Map<Scope, ScopeSeries> scopes = new LinkedHashMap<>();
    private final Map<String, AgentState> agents = new LinkedHashMap<>();

    /** Keeps {@link #DEFAULT_RETENTION}, tracks {@link Slo#DEFAULT}, stale after {@link #DEFAULT_STALE_AFTER}. */
    public LiveMetrics(Clock clock) {
        this(clock, Slo.DEFAULT, DEFAULT_RETENTION, DEFAULT_STALE_AFTER);
    }

    /**
     * @param retention how long per-second points are kept: whole seconds, 1 s to 2 days
     * @param staleAfter how long after its last stats an agent's series count as stale
     */
    public LiveMetrics(Clock clock, Slo slo, Duration retention, Duration staleAfter) {
        this.clock = requireNonNull(clock, "clock");
        this.slo = requireNonNull(slo, "slo");
        requireNonNull(retention, "retention");
        this.staleAfter = requireNonNull(staleAfter, "staleAfter");
        if (retention.toSeconds() < 1
                || retention.compareTo(Duration.ofDays(2)) > 0
                || retention.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: whole seconds, 1 s to 2 days)");
        }
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter: " + staleAfter + " (expected: > 0)");
        }
        this.retentionSeconds = Math.toIntExact(retention.toSeconds());
    }

    public Slo slo() {
        return slo;
    }

    /** The clock's instant: the {@code now} of every query that does not take one. */
    public Instant now() {
        return clock.instant();
    }

    /** Every scope measured so far, agents first in the order they were added, then as they appeared. */
    public synchronized List<Scope> scopes() {
        return List.copyOf(scopes.keySet());
    }

    /** The scopes of one agent: the agent itself first, then its target groups and routes. */
    public synchronized List<Scope> scopes(String agent) {
        List<Scope> result = new ArrayList<>();
        for (ScopeSeries series : scopes.values()) {
            if (series.agent.equals(agent)) {
                result.add(series.scope);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public List<MetricSeries> series(MetricQuery query) {
        requireNonNull(query, "query");
        ScopeSeries series = series(query.scope());
        List<MetricSeries> result = new ArrayList<>(query.metrics().size());
        for (MetricQuery.Metric metric : query.metrics()) {
            result.add(portSeries(series, metric, query));
        }
        return List.copyOf(result);
    }

    /**
     * One measure of one scope over {@code [from, to)} at {@code period} (whole seconds), a point at the
     * start of each period; NotFound for a scope never measured.
     */
    public MetricSeries series(Scope scope, Measure measure, Instant from, Instant to, Duration period) {
        requireNonNull(measure, "measure");
        MetricQuery checked = new MetricQuery(scope, List.of(MetricQuery.Metric.REQUEST_COUNT), from, to, period);
        ScopeSeries series = series(scope);
        return new MetricSeries(
                measure.name(), measure.unit(), period, points(series, measure, checked, 1.0, series.kind));
    }

    /**
     * The raw per-second values of {@code seconds} seconds from {@code from} (truncated to the second), for
     * charts: no boxing, zero where nothing was measured. NotFound for a scope never measured.
     */
    public float[] perSecond(Scope scope, Measure measure, Instant from, int seconds) {
        requireNonNull(measure, "measure");
        requireNonNull(from, "from");
        if (seconds < 0 || seconds > retentionSeconds) {
            throw new IllegalArgumentException("seconds: " + seconds + " (expected: 0.." + retentionSeconds + ")");
        }
        float[] values = new float[seconds];
        series(scope).read(measure, from.getEpochSecond(), values);
        return values;
    }

    /** Sums a count measure over {@code [from, to)}, by second. NotFound for a scope never measured. */
    public double sum(Scope scope, Measure measure, Instant from, Instant to) {
        return series(scope).sum(measure, from.getEpochSecond(), to.getEpochSecond());
    }

    /**
     * The scope's SLO tracker (success rate over any window, error budget, burn rates, alerts, the daily
     * table), filled from the history kept so far and fed every second from then on. NotFound for a scope
     * never measured.
     */
    public SloTracker sloTracker(Scope scope) {
        return series(scope).tracker(slo);
    }

    /** Where the scope stands against the SLO now: budget left and burn-rate alerts firing. */
    public SloState slo(Scope scope) {
        ScopeSeries series = series(scope);
        SloTracker tracker = series.tracker(slo);
        Instant now = clock.instant();
        return new SloState(id(series.scope), slo, now, tracker.errorBudget(now), tracker.alerts(now));
    }

    /** Upstream failures against client-visible failures over {@code [from, to)}, per target group of every agent. */
    public List<FailuresAbsorbed> absorbed(Instant from, Instant to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        long start = from.getEpochSecond();
        long end = to.getEpochSecond();
        List<ScopeSeries> groups;
        synchronized (this) {
            groups = scopes.values().stream()
                    .filter(s -> s.kind == ScopeSeries.Kind.TARGET_GROUP)
                    .toList();
        }
        List<FailuresAbsorbed> result = new ArrayList<>(groups.size());
        for (ScopeSeries group : groups) {
            result.add(new FailuresAbsorbed(
                    (TargetGroupScope) group.scope,
                    group.agent,
                    group.name,
                    Math.round(group.sum(Measure.REQUESTS, start, end)),
                    Math.round(group.sum(Measure.UPSTREAM_ATTEMPTS, start, end)),
                    Math.round(group.sum(Measure.UPSTREAM_FAILED, start, end)),
                    group.sum(Measure.FAILED, start, end)));
        }
        return List.copyOf(result);
    }

    /** How current one agent's series are. NotFound for an agent never registered. */
    public synchronized AgentFreshness freshness(String agent) {
        AgentState state = agents.get(agent);
        if (state == null) {
            throw new CoreException.NotFound("agent", String.valueOf(agent));
        }
        return state.freshness(clock.instant(), staleAfter);
    }

    /** How current every agent's series are, in the order they were registered. */
    public synchronized List<AgentFreshness> freshness() {
        Instant now = clock.instant();
        return agents.values().stream().map(a -> a.freshness(now, staleAfter)).toList();
    }

    /** The agent the scope belongs to. NotFound for a scope never measured. */
    public String agentOf(Scope scope) {
        return series(scope).agent;
    }

    /**
     * The agent's traffic over its last {@link #TRAFFIC_WINDOW} of measured seconds; empty for an agent
     * never sampled or unknown.
     */
    @Override
    public Optional<Traffic> traffic(String agentName) {
        ScopeSeries series;
        synchronized (this) {
            AgentState state = agents.get(agentName);
            series = state == null ? null : scopes.get(state.scope);
        }
        if (series == null || series.newest() == Long.MIN_VALUE) {
            return Optional.empty();
        }
        long end = series.newest() + 1;
        long start = end - TRAFFIC_WINDOW.toSeconds();
        double requests = series.sum(Measure.REQUESTS, start, end);
        double failed = series.sum(Measure.FAILED, start, end);
        OptionalDouble success = requests <= 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.clamp((requests - failed) / requests, 0.0, 1.0));
        OptionalDouble cache = AdminApiFleet.cacheHitRatio(
                Math.round(series.sum(Measure.CACHE_HITS, start, end)),
                Math.round(series.sum(Measure.CACHE_STALE, start, end)),
                Math.round(series.sum(Measure.CACHE_MISSES, start, end)));
        return Optional.of(new Traffic(requests / TRAFFIC_WINDOW.toSeconds(), success, cache, TRAFFIC_WINDOW));
    }

    /** The id a scope names: its load balancer, target group or rule id. */
    public static String id(Scope scope) {
        return switch (requireNonNull(scope, "scope")) {
            case Scope.LoadBalancerScope lb -> lb.loadBalancerArn();
            case Scope.TargetGroupScope tg -> tg.targetGroupArn();
            case Scope.RouteScope route -> route.ruleArn();
        };
    }

    // ---- written by the sampler

    /** Makes the agent known (freshness, traffic) before its first stats. */
    synchronized void register(String agent, Scope agentScope) {
        agents.computeIfAbsent(agent, name -> new AgentState(name, agentScope));
        scopeSeries(agentScope, agent, ScopeSeries.Kind.AGENT, agent);
    }

    synchronized ScopeSeries scopeSeries(Scope scope, String agent, ScopeSeries.Kind kind, String name) {
        ScopeSeries series = scopes.get(scope);
        if (series == null) {
            series = new ScopeSeries(scope, agent, kind, name, retentionSeconds);
            scopes.put(scope, series);
        }
        return series;
    }

    synchronized void attempted(String agent, Instant at) {
        state(agent).lastAttempt = at;
    }

    synchronized void sampled(String agent, Instant at) {
        AgentState state = state(agent);
        state.lastSample = at;
        state.problem = null;
    }

    synchronized void failed(String agent, String problem) {
        state(agent).problem = problem;
    }

    private AgentState state(String agent) {
        AgentState state = agents.get(agent);
        if (state == null) {
            throw new IllegalStateException("agent " + agent + " was never registered");
        }
        return state;
    }

    private synchronized ScopeSeries series(Scope scope) {
        requireNonNull(scope, "scope");
        ScopeSeries series = scopes.get(scope);
        if (series == null) {
            throw new CoreException.NotFound("metrics scope", scope.toString());
        }
        return series;
    }

    private MetricSeries portSeries(ScopeSeries series, MetricQuery.Metric metric, MetricQuery query) {
        Measure measure = switch (metric) {
            case REQUEST_COUNT -> Measure.REQUESTS;
            case TARGET_5XX_COUNT -> Measure.TARGET_5XX;
            case ELB_5XX_COUNT -> Measure.FAILED;
            case TARGET_RESPONSE_TIME_P50 -> Measure.LATENCY_P50_MS;
            case TARGET_RESPONSE_TIME_P99 -> Measure.LATENCY_P99_MS;
            case HEALTHY_HOST_COUNT -> Measure.HEALTHY_TARGETS;
            case UNHEALTHY_HOST_COUNT -> Measure.UNHEALTHY_TARGETS;
        };
        double scale = measure.kind() == Measure.Kind.LATENCY ? 0.001 : 1.0;
        return new MetricSeries(
                metric.cloudWatchName(),
                metric.unit(),
                query.period(),
                points(series, measure, query, scale, series.kind));
    }

    private static List<MetricSeries.Point> points(
            ScopeSeries series, Measure measure, MetricQuery query, double scale, ScopeSeries.Kind kind) {
        long period = query.period().toSeconds();
        long from = query.from().getEpochSecond();
        long to = query.to().getEpochSecond() + (query.to().getNano() > 0 ? 1 : 0);
        Measure weight = kind == ScopeSeries.Kind.TARGET_GROUP ? Measure.UPSTREAM_ATTEMPTS : Measure.REQUESTS;
        List<MetricSeries.Point> points = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, (to - from) / period + 1));
        for (long start = from; start < to; start += period) {
            long end = Math.min(start + period, to);
            double value = 0;
            double weights = 0;
            for (long s = start; s < end; s++) {
                double v = series.get(measure, s);
                switch (measure.kind()) {
                    case COUNT -> value += v;
                    case GAUGE -> {
                        value += v;
                        weights += 1;
                    }
                    case LATENCY -> {
                        double w = series.get(weight, s);
                        value += v * w;
                        weights += w;
                    }
                }
            }
            if (measure.kind() != Measure.Kind.COUNT) {
                value = weights == 0 ? 0 : value / weights;
            }
            points.add(new MetricSeries.Point(Instant.ofEpochSecond(start), value * scale));
        }
        return points;
    }

    /** What the sampler last saw of one agent. */
    private static final class AgentState {
        final String name;
        final Scope scope;
        Instant lastSample;
        Instant lastAttempt;
        String problem;

        AgentState(String name, Scope scope) {
            this.name = name;
            this.scope = scope;
        }

        AgentFreshness freshness(Instant now, Duration staleAfter) {
            boolean stale =
                    lastSample == null || Duration.between(lastSample, now).compareTo(staleAfter) > 0;
            return new AgentFreshness(name, lastSample, lastAttempt, stale, problem);
        }
    }
}
