package dev.triage.core.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.MetricSeries;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import dev.triage.core.port.MetricQuery.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

class CloudWatchMetricsTest {

    private static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    private static final String LB = "app/shop/50dc6c495c0c9188";
    private static final String LEGACY_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/legacy/73e2d6bc24d8a067";
    private static final String LEGACY = "targetgroup/legacy/73e2d6bc24d8a067";
    private static final String REPLACEMENT = "targetgroup/replacement/1a2b3c4d5e6f7081";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FakeCloudWatch aws = new FakeCloudWatch();
    private final Clock clock = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    private final CloudWatchMetrics metrics = new CloudWatchMetrics(aws, null, false, clock);

    @Test
    void requestCountOfALoadBalancerIsTheSumPerMinuteWithMissingMinutesAsZero() {
        publishSum("RequestCount", Map.of("LoadBalancer", LB), 0, 120);
        publishSum("RequestCount", Map.of("LoadBalancer", LB), 1, 90);
        publishSum("RequestCount", Map.of("LoadBalancer", LB), 3, 30);
        publishSum("RequestCount", Map.of("LoadBalancer", "app/other/0123456789abcdef"), 2, 999);

        List<MetricSeries> series = metrics.series(query(new Scope.LoadBalancerScope(LB_ARN), 5, Metric.REQUEST_COUNT));

        MetricSeries requests = series.getFirst();
        assertThat(requests.name()).isEqualTo("RequestCount");
        assertThat(requests.unit()).isEqualTo("Count");
        assertThat(requests.period()).isEqualTo(MINUTE);
        assertThat(requests.points())
                .containsExactly(point(0, 120), point(1, 90), point(2, 0), point(3, 30), point(4, 0));
        MetricDataQuery sent = aws.requests.getFirst().metricDataQueries().getFirst();
        assertThat(sent.metricStat().metric().namespace()).isEqualTo("AWS/ApplicationELB");
        assertThat(sent.metricStat().metric().dimensions())
                .containsExactly(
                        Dimension.builder().name("LoadBalancer").value(LB).build());
        assertThat(sent.metricStat().stat()).isEqualTo("Sum");
        assertThat(sent.metricStat().period()).isEqualTo(60);
        assertThat(aws.requests.getFirst().scanBy()).isEqualTo(ScanBy.TIMESTAMP_ASCENDING);
    }

    @Test
    void aTargetGroupUsesBothDimensionsAndResponseTimePercentilesAsExtendedStatistics() {
        Map<String, String> dims = Map.of("TargetGroup", LEGACY, "LoadBalancer", LB);
        aws.publish("TargetResponseTime", dims, T0, Map.of("p50", 0.120, "p99", 2.5));
        aws.publish("TargetResponseTime", dims, T0.plus(MINUTE), Map.of("p50", 0.100, "p99", 1.5));
        publishSum("HTTPCode_Target_5XX_Count", dims, 1, 7);
        publishSum("HTTPCode_Target_5XX_Count", Map.of("LoadBalancer", LB), 1, 700);

        List<MetricSeries> series = metrics.series(query(
                new Scope.TargetGroupScope(LB_ARN, LEGACY_ARN),
                2,
                Metric.TARGET_RESPONSE_TIME_P99,
                Metric.TARGET_RESPONSE_TIME_P50,
                Metric.TARGET_5XX_COUNT));

        assertThat(series)
                .extracting(MetricSeries::name)
                .containsExactly("TargetResponseTime p99", "TargetResponseTime p50", "HTTPCode_Target_5XX_Count");
        assertThat(series.get(0).points()).containsExactly(point(0, 2.5), point(1, 1.5));
        assertThat(series.get(0).unit()).isEqualTo("Seconds");
        assertThat(series.get(1).points()).containsExactly(point(0, 0.120), point(1, 0.100));
        assertThat(series.get(2).points()).containsExactly(point(0, 0), point(1, 7));
        assertThat(aws.requests.getFirst().metricDataQueries())
                .extracting(q -> q.metricStat().stat())
                .containsExactly("p99", "p50", "Sum");
    }

    @Test
    void hostCountsOfALoadBalancerAddUpItsTargetGroupsWorstMinute() {
        aws.publish(
                "HealthyHostCount",
                Map.of("TargetGroup", LEGACY, "LoadBalancer", LB),
                T0,
                Map.of("Minimum", 2.0, "Maximum", 3.0));
        aws.publish(
                "HealthyHostCount",
                Map.of("TargetGroup", REPLACEMENT, "LoadBalancer", LB),
                T0,
                Map.of("Minimum", 1.0, "Maximum", 1.0));
        aws.publish(
                "HealthyHostCount",
                Map.of("TargetGroup", LEGACY, "LoadBalancer", "app/other/0123456789abcdef"),
                T0,
                Map.of("Minimum", 50.0));
        aws.publish(
                "UnHealthyHostCount",
                Map.of("TargetGroup", LEGACY, "LoadBalancer", LB),
                T0.plus(MINUTE),
                Map.of("Minimum", 0.0, "Maximum", 1.0));

        List<MetricSeries> series = metrics.series(
                query(new Scope.LoadBalancerScope(LB_ARN), 2, Metric.HEALTHY_HOST_COUNT, Metric.UNHEALTHY_HOST_COUNT));

        assertThat(series.get(0).points()).containsExactly(point(0, 3), point(1, 0));
        assertThat(series.get(1).points()).containsExactly(point(0, 0), point(1, 1));
    }

    @Test
    void anUnalignedRangeIsCoveredByWholeMinutesFromTheOneHoldingFrom() {
        publishSum("RequestCount", Map.of("LoadBalancer", LB), 0, 5);
        publishSum("RequestCount", Map.of("LoadBalancer", LB), 3, 8);
        var query = new MetricQuery(
                new Scope.LoadBalancerScope(LB_ARN),
                List.of(Metric.REQUEST_COUNT),
                T0.plusSeconds(30),
                T0.plusSeconds(190),
                MetricQuery.CLOUDWATCH_PERIOD);

        assertThat(metrics.series(query).getFirst().points())
                .containsExactly(point(0, 5), point(1, 0), point(2, 0), point(3, 8));
        assertThat(aws.requests.getFirst().startTime()).isEqualTo(T0);
        assertThat(aws.requests.getFirst().endTime()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void followsNextTokenAndJoinsEachSeriesAcrossPages() {
        aws.pageDatapoints = 7;
        for (int m = 0; m < 10; m++) {
            publishSum("RequestCount", Map.of("LoadBalancer", LB), m, m + 1);
            publishSum("HTTPCode_ELB_5XX_Count", Map.of("LoadBalancer", LB), m, 10 * m);
        }

        List<MetricSeries> series = metrics.series(
                query(new Scope.LoadBalancerScope(LB_ARN), 10, Metric.REQUEST_COUNT, Metric.ELB_5XX_COUNT));

        assertThat(aws.requests).hasSize(3);
        assertThat(series.get(0).sum()).isEqualTo(55);
        assertThat(series.get(1).sum()).isEqualTo(450);
        assertThat(series.get(1).points().get(9)).isEqualTo(point(9, 90));
    }

    @Test
    void moreThan500QueriesAreSplitIntoCallsOfAtMost500() {
        publishSum("RequestCount", Map.of("LoadBalancer", LB), 0, 4);

        List<MetricSeries> series = metrics.series(query(
                new Scope.LoadBalancerScope(LB_ARN),
                1,
                Collections.nCopies(501, Metric.REQUEST_COUNT).toArray(Metric[]::new)));

        assertThat(aws.requests).extracting(r -> r.metricDataQueries().size()).containsExactly(500, 1);
        assertThat(series).hasSize(501).allSatisfy(s -> assertThat(s.points()).containsExactly(point(0, 4)));
    }

    @Test
    void aRouteIsNotFoundBecauseCloudWatchHasNoPerRuleMetrics() {
        String rule =
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";

        assertThatThrownBy(() -> metrics.series(query(new Scope.RouteScope(rule), 1, Metric.REQUEST_COUNT)))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining(rule)
                .hasMessageContaining("never per rule");
        assertThat(aws.requests).isEmpty();
    }

    @Test
    void elb5xxOfATargetGroupIsNotFoundBecauseAwsPublishesItPerLoadBalancerOnly() {
        assertThatThrownBy(() ->
                        metrics.series(query(new Scope.TargetGroupScope(LB_ARN, LEGACY_ARN), 1, Metric.ELB_5XX_COUNT)))
                .isInstanceOf(CoreException.NotFound.class)
                .hasMessageContaining("per load balancer only");
    }

    @Test
    void aPeriodThatIsNotAWholeMinuteIsInvalid() {
        var query = new MetricQuery(
                new Scope.LoadBalancerScope(LB_ARN),
                List.of(Metric.REQUEST_COUNT),
                T0,
                T0.plusSeconds(90),
                Duration.ofSeconds(90));

        assertThatThrownBy(() -> metrics.series(query))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("expected: a multiple of 60 s");
    }

    @Test
    void oneMinutePointsOlderThan15DaysAreInvalidAndSayWhichPeriodToUse() {
        Instant from = clock.instant().minus(Duration.ofDays(20));
        var query = new MetricQuery(
                new Scope.LoadBalancerScope(LB_ARN),
                List.of(Metric.REQUEST_COUNT),
                from,
                from.plus(Duration.ofHours(1)),
                MINUTE);

        assertThatThrownBy(() -> metrics.series(query))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("expected: a multiple of 5 min");
        var fiveMinutes =
                new MetricQuery(query.scope(), query.metrics(), query.from(), query.to(), Duration.ofMinutes(5));
        assertThat(metrics.series(fiveMinutes).getFirst().points()).hasSize(12);
    }

    @Test
    void aMalformedLoadBalancerArnIsInvalid() {
        assertThatThrownBy(() ->
                        metrics.series(query(new Scope.LoadBalancerScope("app/shop/50dc"), 1, Metric.REQUEST_COUNT)))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("load balancer ARN: 'app/shop/50dc'");
    }

    @Test
    void aForbiddenResultIsDeniedNotZeros() {
        aws.forbidden.add("RequestCount");

        assertThatThrownBy(() -> metrics.series(query(new Scope.LoadBalancerScope(LB_ARN), 1, Metric.REQUEST_COUNT)))
                .isInstanceOf(CoreException.Denied.class)
                .hasMessageContaining("RequestCount");
    }

    @Test
    void errorCodesBecomeTheirKinds() {
        var query = query(new Scope.LoadBalancerScope(LB_ARN), 1, Metric.REQUEST_COUNT);
        aws.failNext("Throttling");
        assertThatThrownBy(() -> metrics.series(query)).isInstanceOf(CoreException.Throttled.class);
        aws.failNext("com.amazonaws.cloudwatch#InvalidParameterValueException");
        assertThatThrownBy(() -> metrics.series(query))
                .isInstanceOf(CoreException.Invalid.class)
                .hasMessageContaining("InvalidParameterValue");
        aws.failNext("AccessDenied");
        assertThatThrownBy(() -> metrics.series(query)).isInstanceOf(CoreException.Denied.class);
        aws.failNext("InternalServiceError");
        assertThatThrownBy(() -> metrics.series(query))
                .isInstanceOf(CoreException.Unavailable.class)
                .hasMessageContaining("InternalServiceError");
    }

    private void publishSum(String name, Map<String, String> dimensions, int minute, double sum) {
        aws.publish(name, dimensions, T0.plus(MINUTE.multipliedBy(minute)), Map.of("Sum", sum));
    }

    private static MetricQuery query(Scope scope, int minutes, Metric... wanted) {
        return new MetricQuery(scope, List.of(wanted), T0, T0.plus(MINUTE.multipliedBy(minutes)), MINUTE);
    }

    private static MetricSeries.Point point(int minute, double value) {
        return new MetricSeries.Point(T0.plus(MINUTE.multipliedBy(minute)), value);
    }
}
