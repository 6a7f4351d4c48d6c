package dev.triage.core.aws.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * An in-memory CloudWatch for GetMetricData as AWS documents it: 1..500 queries with unique ids matching
 * {@code [a-z][a-zA-Z0-9_]*}, each either a MetricStat or an expression, StartTime before EndTime, periods of 1, 5,
 * 10, 20, 30 or a multiple of 60 s, points only where data was published (no zeros), timestamps in the requested
 * ScanBy order (descending by default), at most {@link #pageDatapoints} points per page with NextToken (the status
 * PartialData while more follow), metrics nobody published as empty results (not errors), and the SUM(SEARCH(...))
 * expression the adapter sends for host counts. Data is published per minute per statistic; periods above 60 s
 * aggregate Sum, Minimum and Maximum (not percentiles). {@link #failNext} fails the next call with a code; {@link
 * #forbidden} makes a metric's result Forbidden.
 */
final class FakeCloudWatch implements CloudWatchClient {

    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Pattern SUM_SEARCH = Pattern.compile(
            "SUM\\(SEARCH\\('\\{([^}]*)} MetricName=\"([^\"]+)\" LoadBalancer=\"([^\"]+)\"', '([A-Za-z0-9.]+)', (\\d+)\\)\\)");

    int pageDatapoints = 100_800;
    final List<GetMetricDataRequest> requests = new ArrayList<>();
    final Set<String> forbidden = new HashSet<>();
    private final List<String> failures = new ArrayList<>();

    /** metric name + sorted dimensions -> minute -> statistic -> value. */
    private final Map<Key, TreeMap<Instant, Map<String, Double>>> data = new LinkedHashMap<>();

    private record Key(String namespace, String name, Map<String, String> dimensions) {}

    /** Publishes one minute of a metric: its statistics by name (Sum, Minimum, Maximum, p50, p99...). */
    void publish(String name, Map<String, String> dimensions, Instant minute, Map<String, Double> statistics) {
        if (minute.getEpochSecond() % 60 != 0) {
            throw new IllegalArgumentException("minute: " + minute + " (expected: on a minute)");
        }
        data.computeIfAbsent(new Key("AWS/ApplicationELB", name, Map.copyOf(dimensions)), k -> new TreeMap<>())
                .put(minute, Map.copyOf(statistics));
    }

    void failNext(String code) {
        failures.add(code);
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        requests.add(request);
        if (!failures.isEmpty()) {
            String code = failures.removeFirst();
            throw error(code, code.equals("Throttling") ? "Rate exceeded" : "Request failed with " + code);
        }
        List<MetricDataQuery> queries = request.metricDataQueries();
        if (queries.isEmpty() || queries.size() > 500) {
            throw error(
                    "InvalidParameterValue",
                    "The collection MetricDataQueries must not have a size greater than 500 or be empty: "
                            + queries.size());
        }
        Set<String> ids = new HashSet<>();
        for (MetricDataQuery q : queries) {
            if (q.id() == null || !ID.matcher(q.id()).matches() || !ids.add(q.id())) {
                throw error(
                        "InvalidParameterValue",
                        "The value " + q.id() + " for parameter MetricDataQueries.member.Id is invalid or duplicated");
            }
            if ((q.metricStat() == null) == (q.expression() == null)) {
                throw error(
                        "InvalidParameterCombination",
                        "Exactly one of MetricStat and Expression is required: " + q.id());
            }
            if (q.metricStat() != null) {
                checkPeriod(q.metricStat().period());
            }
        }
        if (request.startTime() == null
                || request.endTime() == null
                || !request.startTime().isBefore(request.endTime())) {
            throw error("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
        }
        boolean ascending = request.scanBy() == ScanBy.TIMESTAMP_ASCENDING;
        List<Object[]> flat = new ArrayList<>(); // {id, Instant, Double}
        Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
        for (MetricDataQuery q : queries) {
            byId.put(q.id(), q);
            if (Boolean.FALSE.equals(q.returnData()) || isForbidden(q)) {
                continue;
            }
            TreeMap<Instant, Double> points = evaluate(q, request.startTime(), request.endTime());
            var ordered = ascending ? points.entrySet() : points.descendingMap().entrySet();
            ordered.forEach(e -> flat.add(new Object[] {q.id(), e.getKey(), e.getValue()}));
        }
        int from = request.nextToken() == null
                ? 0
                : Integer.parseInt(request.nextToken().substring("page-".length()));
        int limit = Math.min(pageDatapoints, request.maxDatapoints() == null ? 100_800 : request.maxDatapoints());
        int to = Math.min(flat.size(), from + limit);
        Map<String, List<Object[]>> page = flat.subList(from, to).stream()
                .collect(Collectors.groupingBy(o -> (String) o[0], LinkedHashMap::new, Collectors.toList()));
        Set<String> unfinished =
                flat.subList(to, flat.size()).stream().map(o -> (String) o[0]).collect(Collectors.toSet());
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery q : byId.values()) {
            if (Boolean.FALSE.equals(q.returnData())) {
                continue;
            }
            var builder = MetricDataResult.builder().id(q.id()).label(q.label() == null ? q.id() : q.label());
            if (isForbidden(q)) {
                results.add(builder.statusCode(StatusCode.FORBIDDEN)
                        .messages(MessageData.builder()
                                .code("Forbidden")
                                .value("cloudwatch:GetMetricData denied")
                                .build())
                        .build());
                continue;
            }
            List<Object[]> mine = page.getOrDefault(q.id(), List.of());
            results.add(
                    builder.timestamps(mine.stream().map(o -> (Instant) o[1]).toList())
                            .values(mine.stream().map(o -> (Double) o[2]).toList())
                            .statusCode(unfinished.contains(q.id()) ? StatusCode.PARTIAL_DATA : StatusCode.COMPLETE)
                            .build());
        }
        return GetMetricDataResponse.builder()
                .metricDataResults(results)
                .nextToken(to < flat.size() ? "page-" + to : null)
                .build();
    }

    private boolean isForbidden(MetricDataQuery q) {
        return q.metricStat() != null
                && forbidden.contains(q.metricStat().metric().metricName());
    }

    private TreeMap<Instant, Double> evaluate(MetricDataQuery q, Instant start, Instant end) {
        if (q.metricStat() != null) {
            var m = q.metricStat().metric();
            Map<String, String> dims =
                    m.dimensions().stream().collect(Collectors.toMap(Dimension::name, Dimension::value));
            return aggregate(
                    data.get(new Key(m.namespace(), m.metricName(), dims)),
                    q.metricStat().stat(),
                    q.metricStat().period(),
                    start,
                    end);
        }
        Matcher search = SUM_SEARCH.matcher(q.expression());
        if (!search.matches()) {
            throw new IllegalStateException("the fake evaluates SUM(SEARCH(...)) only, not " + q.expression());
        }
        List<String> schema = List.of(search.group(1).split(","));
        String namespace = schema.getFirst();
        Set<String> dimensionNames = Set.copyOf(schema.subList(1, schema.size()));
        int period = Integer.parseInt(search.group(5));
        checkPeriod(period);
        TreeMap<Instant, Double> sum = new TreeMap<>();
        data.forEach((key, series) -> {
            if (key.namespace().equals(namespace)
                    && key.name().equals(search.group(2))
                    && key.dimensions().keySet().equals(dimensionNames)
                    && search.group(3).equals(key.dimensions().get("LoadBalancer"))) {
                aggregate(series, search.group(4), period, start, end).forEach((t, v) -> sum.merge(t, v, Double::sum));
            }
        });
        return sum;
    }

    private static TreeMap<Instant, Double> aggregate(
            TreeMap<Instant, Map<String, Double>> series, String stat, int period, Instant start, Instant end) {
        TreeMap<Instant, Double> result = new TreeMap<>();
        if (series == null) {
            return result;
        }
        long first = Math.floorDiv(start.getEpochSecond(), period) * period;
        for (long bucket = first; bucket < end.getEpochSecond(); bucket += period) {
            Instant from = Instant.ofEpochSecond(bucket);
            var minutes = series.subMap(from, Instant.ofEpochSecond(bucket + period));
            List<Double> values = minutes.values().stream()
                    .map(s -> s.get(stat))
                    .filter(v -> v != null)
                    .toList();
            if (values.isEmpty()) {
                continue;
            }
            if (period > 60 && stat.startsWith("p")) {
                throw new IllegalStateException("the fake does not aggregate percentiles over " + period + " s");
            }
            double value = switch (stat) {
                case "Minimum" -> values.stream().min(Comparator.naturalOrder()).orElseThrow();
                case "Maximum" -> values.stream().max(Comparator.naturalOrder()).orElseThrow();
                default -> values.stream().mapToDouble(Double::doubleValue).sum();
            };
            result.put(from, value);
        }
        return result;
    }

    private static void checkPeriod(Integer period) {
        if (period == null || !(Set.of(1, 5, 10, 20, 30).contains(period) || (period > 0 && period % 60 == 0))) {
            throw error(
                    "InvalidParameterValue",
                    "The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60: " + period);
        }
    }

    static CloudWatchException error(String code, String message) {
        return (CloudWatchException) CloudWatchException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("CloudWatch")
                        .build())
                .statusCode(code.equals("AccessDenied") ? 403 : code.equals("InternalServiceError") ? 500 : 400)
                .message(message)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
