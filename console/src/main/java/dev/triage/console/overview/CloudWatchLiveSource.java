package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.MetricSeries;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.Metrics;
import dev.triage.core.slo.RequestCounts;
import dev.triage.core.slo.Slo;
import dev.triage.core.slo.SloTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The overview of one AWS load balancer from CloudWatch through core's {@link Metrics} port: one query a
 * minute (RequestCount, HTTPCode_ELB_5XX_Count, HTTPCode_Target_5XX_Count, TargetResponseTime p50 and p99 per
 * minute; the first covers the last 24 hours, the next ones the last hour, since CloudWatch may still complete
 * recent minutes). Failed requests are the load balancer's own 5XX plus the targets' (on ALB they do not
 * overlap). Windows end at the newest minute CloudWatch has (it publishes a minute or two late), so "the last
 * minute" is the newest complete one.
 *
 * <p>What it cannot show: anything finer than a minute; failures absorbed (retries behind the load balancer
 * are invisible to CloudWatch: that takes agents, shown from {@link AgentsAbsorbed} when a fleet file gives
 * them); more than 24 hours of SLO history (the error budget is over
 * what it holds). Thread-safe.
 */
public final class CloudWatchLiveSource implements LiveSource {

    /** How often CloudWatch is asked: its period for AWS/ApplicationELB. */
    public static final Duration EVERY = MetricQuery.CLOUDWATCH_PERIOD;

    static final String WHO = "CloudWatch";
    static final String ABSORBED_NOTE = "Not from CloudWatch: it sees what the load balancer answered, not the"
            + " upstream failures a retry absorbed. Agents in front of the targets measure it.";
    static final Duration HISTORY = Duration.ofHours(24);
    /** A minute older than this is not "the last minute" any more, however late CloudWatch is. */
    static final Duration LATE = Duration.ofMinutes(15);

    private static final int MINUTE = 60;
    private static final List<Metric> METRICS = List.of(
            Metric.REQUEST_COUNT,
            Metric.ELB_5XX_COUNT,
            Metric.TARGET_5XX_COUNT,
            Metric.TARGET_RESPONSE_TIME_P50,
            Metric.TARGET_RESPONSE_TIME_P99);

    private final Metrics metrics;
    private final LoadBalancerScope scope;
    private final String note;
    private final Slo slo;
    private final Clock clock;
    private final AgentsAbsorbed agents; // or null: no agents, failures absorbed cannot be known
    /** Minute start (epoch second) -> requests, failed, p50 ms, p99 ms; the last 24 hours. */
    private final TreeMap<Long, float[]> minutes = new TreeMap<>();

    /**
     * @param loadBalancerName for the note ("per minute, from CloudWatch (shop)")
     */
    public CloudWatchLiveSource(
            Metrics metrics, LoadBalancerScope scope, String loadBalancerName, Slo slo, Clock clock) {
        this(metrics, scope, loadBalancerName, slo, clock, Optional.empty());
    }

    /**
     * @param agents the agents of a fleet file, sampled per second: their failures absorbed show under the
     *     CloudWatch numbers
     */
    public CloudWatchLiveSource(
            Metrics metrics,
            LoadBalancerScope scope,
            String loadBalancerName,
            Slo slo,
            Clock clock,
            Optional<AgentsAbsorbed> agents) {
        this.agents = requireNonNull(agents, "agents").orElse(null);
        this.metrics = requireNonNull(metrics, "metrics");
        this.scope = requireNonNull(scope, "scope");
        this.note = "per minute, from CloudWatch (" + requireNonNull(loadBalancerName, "loadBalancerName") + ")";
        this.slo = requireNonNull(slo, "slo");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Duration every() {
        return EVERY;
    }

    @Override
    public String who() {
        return WHO;
    }

    @Override
    public Slo slo() {
        return slo;
    }

    @Override
    public synchronized Snapshot read() {
        long end = Math.floorDiv(clock.instant().getEpochSecond(), MINUTE) * MINUTE; // this minute is not over
        long from = end - (minutes.isEmpty() ? HISTORY : AgentsLiveSource.HOUR).toSeconds();
        List<MetricSeries> series = metrics.series(
                new MetricQuery(scope, METRICS, Instant.ofEpochSecond(from), Instant.ofEpochSecond(end), EVERY));
        store(series, from, end);
        minutes.headMap(end - HISTORY.toSeconds()).clear();

        SloTracker tracker = new SloTracker(slo, EVERY);
        Long newest = null;
        for (Map.Entry<Long, float[]> minute : minutes.entrySet()) {
            long requests = (long) minute.getValue()[0];
            if (requests > 0) {
                long failed = Math.min(requests, (long) minute.getValue()[1]);
                tracker.record(new RequestCounts(Instant.ofEpochSecond(minute.getKey()), EVERY, requests, failed));
                newest = minute.getKey();
            }
        }
        boolean recent = newest != null && newest >= end - LATE.toSeconds();
        long windowEnd = recent ? newest + MINUTE : end;
        float[] last = recent ? minutes.get(newest) : null;
        int count = (int) (AgentsLiveSource.HOUR.toSeconds() / MINUTE);
        long chartFrom = windowEnd - AgentsLiveSource.HOUR.toSeconds();
        float[] requests = new float[count];
        float[] failed = new float[count];
        float[] p99 = new float[count];
        for (int i = 0; i < count; i++) {
            float[] minute = minutes.getOrDefault(chartFrom + (long) i * MINUTE, new float[4]);
            requests[i] = minute[0];
            failed[i] = minute[1];
            p99[i] = minute[3];
        }
        return new Snapshot(
                Instant.ofEpochSecond(windowEnd),
                true,
                note,
                tracker,
                last == null ? OptionalDouble.empty() : OptionalDouble.of(last[2]),
                last == null ? OptionalDouble.empty() : OptionalDouble.of(last[3]),
                last == null ? 0 : last[0] / MINUTE,
                new Snapshot.History(chartFrom, MINUTE, requests, failed, p99),
                agents == null ? List.of() : agents.lastHour(),
                agents == null ? ABSORBED_NOTE : "",
                newest == null ? null : Instant.ofEpochSecond(newest + MINUTE),
                "",
                List.of());
    }

    /** Replaces the minutes of {@code [from, end)} with what CloudWatch answered (a minute without points is 0). */
    private void store(List<MetricSeries> series, long from, long end) {
        minutes.subMap(from, end).clear();
        List<MetricSeries.Point> requests = series.get(0).points();
        for (int i = 0; i < requests.size(); i++) {
            long at = requests.get(i).time().getEpochSecond();
            if (at < from || at >= end) {
                continue;
            }
            float[] minute = new float[] {
                (float) requests.get(i).value(),
                (float) (series.get(1).points().get(i).value()
                        + series.get(2).points().get(i).value()),
                (float) (series.get(3).points().get(i).value() * 1000),
                (float) (series.get(4).points().get(i).value() * 1000)
            };
            minutes.put(at, minute);
        }
    }
}
