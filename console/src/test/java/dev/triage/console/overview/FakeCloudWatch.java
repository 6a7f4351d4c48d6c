package dev.triage.console.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * GetMetricData for one load balancer's AWS/ApplicationELB metrics, as CloudWatch answers: points only for
 * minutes something was published, within [StartTime, EndTime). {@link #failNext} fails the next call.
 */
final class FakeCloudWatch implements CloudWatchClient {

    final List<GetMetricDataRequest> requests = new ArrayList<>();
    /** "RequestCount Sum" -> minute -> value. */
    private final Map<String, TreeMap<Instant, Double>> data = new HashMap<>();

    private String failNext;

    void publish(String metric, String statistic, Instant minute, double value) {
        data.computeIfAbsent(metric + " " + statistic, k -> new TreeMap<>()).put(minute, value);
    }

    /**
     * Publishes for one load balancer only (its LoadBalancer dimension, "app/NAME/ID"); a query for it sees
     * these points instead of the unscoped ones.
     */
    void publish(String loadBalancer, String metric, String statistic, Instant minute, double value) {
        data.computeIfAbsent(loadBalancer + " " + metric + " " + statistic, k -> new TreeMap<>())
                .put(minute, value);
    }

    void failNext(String code) {
        failNext = code;
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        requests.add(request);
        if (failNext != null) {
            String code = failNext;
            failNext = null;
            throw (CloudWatchException) CloudWatchException.builder()
                    .statusCode(400)
                    .message("Rate exceeded")
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode(code)
                            .errorMessage("Rate exceeded")
                            .build())
                    .build();
        }
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery query : request.metricDataQueries()) {
            String key = query.metricStat().metric().metricName() + " "
                    + query.metricStat().stat();
            String scoped = query.metricStat().metric().dimensions().stream()
                    .filter(d -> d.name().equals("LoadBalancer"))
                    .map(d -> d.value() + " " + key)
                    .findFirst()
                    .orElse(key);
            TreeMap<Instant, Double> points =
                    data.containsKey(scoped) ? data.get(scoped) : data.getOrDefault(key, new TreeMap<>());
            var range = points.subMap(request.startTime(), true, request.endTime(), false);
            results.add(MetricDataResult.builder()
                    .id(query.id())
                    .label(key)
                    .timestamps(List.copyOf(range.keySet()))
                    .values(List.copyOf(range.values()))
                    .statusCode(StatusCode.COMPLETE)
                    .build());
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    @Override
    public String serviceName() {
        return "monitoring";
    }

    @Override
    public void close() {}
}
