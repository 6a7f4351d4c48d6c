package dev.triage.core.aws.cloudwatch;

import static java.util.Objects.requireNonNull;

import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import dev.triage.core.port.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * {@link Metrics} over CloudWatch's GetMetricData for namespace AWS/ApplicationELB, per load balancer and per target
 * group (a route is NotFound: CloudWatch has no per-rule metrics).
 *
 * <p>The period is the query's (60 s, {@link MetricQuery#CLOUDWATCH_PERIOD}, or a multiple), checked against
 * CloudWatch's retention: 1-minute points are kept 15 days, 5-minute points 63 days, hourly points 455 days. Each
 * series covers the whole range on a grid of periods aligned to the epoch, from the period holding {@code from} to
 * the one holding the instant before {@code to}; a period CloudWatch has no point for (no requests, no hosts) is
 * zero. Calls carry at most {@value #MAX_QUERIES_PER_CALL} queries and follow NextToken; statistics are described in
 * {@code AlbDimensions}.
 */
public final class CloudWatchMetrics implements Metrics, AutoCloseable {

    /** GetMetricData's limit of MetricDataQuery structures per call. */
    static final int MAX_QUERIES_PER_CALL = 500;

    static final int MAX_PAGES = 1_000;

    private final CloudWatchClient client;
    private final CloudWatchErrors errors;
    private final boolean ownsClient;
    private final Clock clock;

    /** An adapter over a given client (not closed by the adapter), e.g. a fake in tests. */
    public CloudWatchMetrics(CloudWatchClient client) {
        this(client, null, false, Clock.systemUTC());
    }

    CloudWatchMetrics(CloudWatchClient client, AwsContext context, boolean ownsClient, Clock clock) {
        this.client = requireNonNull(client, "client");
        this.errors = new CloudWatchErrors(context);
        this.ownsClient = ownsClient;
        this.clock = requireNonNull(clock, "clock");
    }

    /** An adapter over a client built by {@code context} (closed with the adapter). */
    public static CloudWatchMetrics open(AwsContext context) {
        requireNonNull(context, "context");
        return new CloudWatchMetrics(context.client(CloudWatchClient.builder()), context, true, Clock.systemUTC());
    }

    @Override
    public List<MetricSeries> series(MetricQuery query) {
        requireNonNull(query, "query");
        AlbDimensions dimensions = AlbDimensions.of(query.scope());
        int period = checkPeriod(query);
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < query.metrics().size(); i++) {
            queries.add(dimensions.query("m" + i, query.metrics().get(i), period));
        }
        Duration step = Duration.ofSeconds(period);
        Instant start = floor(query.from(), period);
        Instant end = floor(query.to().minusNanos(1), period).plus(step);
        Map<String, Map<Instant, Double>> values = fetch(queries, start, end, period);
        List<MetricSeries> result = new ArrayList<>();
        for (int i = 0; i < query.metrics().size(); i++) {
            Metric metric = query.metrics().get(i);
            Map<Instant, Double> found = values.getOrDefault("m" + i, Map.of());
            List<MetricSeries.Point> points = new ArrayList<>();
            for (Instant t = start; t.isBefore(end); t = t.plus(step)) {
                points.add(new MetricSeries.Point(t, found.getOrDefault(t, 0.0)));
            }
            result.add(new MetricSeries(AlbDimensions.seriesName(metric), metric.unit(), step, points));
        }
        return List.copyOf(result);
    }

    /** The period in seconds: a multiple of 60 fine enough for how old the range is, as CloudWatch keeps points. */
    private int checkPeriod(MetricQuery query) {
        long seconds = query.period().toSeconds();
        List<String> problems = new ArrayList<>();
        if (seconds % 60 != 0 || seconds > Integer.MAX_VALUE) {
            problems.add("period: " + query.period()
                    + " (expected: a multiple of 60 s; CloudWatch keeps AWS/ApplicationELB" + " metrics per minute)");
        } else {
            Duration age = Duration.between(query.from(), clock.instant());
            if (age.compareTo(Duration.ofDays(63)) > 0 && seconds % 3600 != 0) {
                problems.add("period: " + query.period() + " for a range starting " + age.toDays() + " days ago"
                        + " (expected: a multiple of 1 h; CloudWatch keeps finer points for 63 days)");
            } else if (age.compareTo(Duration.ofDays(15)) > 0 && seconds % 300 != 0) {
                problems.add("period: " + query.period() + " for a range starting " + age.toDays() + " days ago"
                        + " (expected: a multiple of 5 min; CloudWatch keeps 1-minute points for 15 days)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("CloudWatch metric query", problems);
        }
        return (int) seconds;
    }

    private Map<String, Map<Instant, Double>> fetch(
            List<MetricDataQuery> queries, Instant start, Instant end, int period) {
        Map<String, Map<Instant, Double>> values = new HashMap<>();
        for (int from = 0; from < queries.size(); from += MAX_QUERIES_PER_CALL) {
            List<MetricDataQuery> chunk = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES_PER_CALL));
            String token = null;
            for (int page = 0; ; page++) {
                if (page == MAX_PAGES) {
                    throw new CoreException.Unavailable(
                            CloudWatchErrors.SERVICE,
                            "GetMetricData returned more than " + MAX_PAGES + " pages; stopped",
                            null);
                }
                String current = token;
                GetMetricDataResponse response = errors.call(
                        "GetMetricData",
                        null,
                        () -> client.getMetricData(b -> b.metricDataQueries(chunk)
                                .startTime(start)
                                .endTime(end)
                                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                                .nextToken(current)));
                for (MetricDataResult result : response.metricDataResults()) {
                    check(result);
                    Map<Instant, Double> series = values.computeIfAbsent(result.id(), id -> new HashMap<>());
                    List<Instant> times = result.timestamps();
                    List<Double> numbers = result.values();
                    for (int i = 0; i < Math.min(times.size(), numbers.size()); i++) {
                        Double value = numbers.get(i);
                        if (value != null && Double.isFinite(value)) {
                            series.put(floor(times.get(i), period), value);
                        }
                    }
                }
                token = response.nextToken();
                if (token == null || token.isEmpty()) {
                    break;
                }
            }
        }
        return values;
    }

    /** A result CloudWatch could not compute is an error, never zeros. */
    private static void check(MetricDataResult result) {
        if (result.statusCode() == StatusCode.FORBIDDEN) {
            throw new CoreException.Denied(
                    "GetMetricData", "CloudWatch forbade " + result.label() + messages(result), null);
        }
        if (result.statusCode() == StatusCode.INTERNAL_ERROR) {
            throw new CoreException.Unavailable(
                    CloudWatchErrors.SERVICE,
                    "GetMetricData could not compute " + result.label() + messages(result),
                    null);
        }
    }

    private static String messages(MetricDataResult result) {
        if (!result.hasMessages() || result.messages().isEmpty()) {
            return "";
        }
        List<String> texts =
                result.messages().stream().map(m -> m.code() + ": " + m.value()).toList();
        return " (" + String.join("; ", texts) + ")";
    }

    private static Instant floor(Instant t, int periodSeconds) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), periodSeconds) * periodSeconds);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
