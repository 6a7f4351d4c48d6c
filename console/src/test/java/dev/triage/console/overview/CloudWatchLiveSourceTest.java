package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.aws.cloudwatch.CloudWatchMetrics;
import dev.triage.core.metrics.MutableClock;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.slo.Slo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The overview on AWS: core's CloudWatch adapter over an in-memory GetMetricData, read once a minute, the
 * ViewModel showing per-minute numbers without JavaFX running.
 */
class CloudWatchLiveSourceTest {

    private static final String LB =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    private static final Instant NOW = Instant.parse("2026-11-22T10:30:20Z");
    private static final Instant MINUTE = Instant.parse("2026-11-22T10:28:00Z"); // CloudWatch is two minutes late

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final CloudWatchLiveSource source = new CloudWatchLiveSource(
            new CloudWatchMetrics(cloudWatch), new LoadBalancerScope(LB), "shop", Slo.DEFAULT, clock);
    private final Tasks tasks = Tasks.direct();
    private final OverviewViewModel vm = new OverviewViewModel(source, tasks, ZoneOffset.UTC);

    @AfterEach
    void close() {
        tasks.close();
    }

    private void minute(Instant at, double requests, double elb5xx, double target5xx, double p50s, double p99s) {
        cloudWatch.publish("RequestCount", "Sum", at, requests);
        cloudWatch.publish("HTTPCode_ELB_5XX_Count", "Sum", at, elb5xx);
        cloudWatch.publish("HTTPCode_Target_5XX_Count", "Sum", at, target5xx);
        cloudWatch.publish("TargetResponseTime", "p50", at, p50s);
        cloudWatch.publish("TargetResponseTime", "p99", at, p99s);
    }

    @Test
    void showsTheNewestMinuteCloudWatchHasAgainstTheSlo() {
        minute(MINUTE.minusSeconds(60), 6_000, 0, 0, 0.030, 0.200);
        minute(MINUTE, 12_000, 30, 30, 0.040, 0.900);

        vm.refresh();

        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.staleProperty().get()).isEmpty();
        assertThat(vm.noteProperty().get()).isEqualTo("per minute, from CloudWatch (shop) · newest 10:29:00");
        // ELB and target 5XX are both failures the clients saw
        assertThat(vm.lastMinuteProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("99.50%", OverviewViewModel.Status.MEETS));
        assertThat(vm.lastHourProperty().get().text()).isEqualTo("99.67%");
        assertThat(vm.latencyProperty().get()).isEqualTo("p50 40 ms · p99 900 ms");
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("200.0/s");
        assertThat(vm.days().get(2))
                .isEqualTo(new OverviewViewModel.DayRow(
                        "2026-11-22", 17_940, 60, "99.67%", OverviewViewModel.Status.MEETS));
        OverviewViewModel.Charts charts = vm.chartsProperty().get();
        assertThat(charts.requestsPerSecond()).hasSize(60);
        assertThat(charts.requestsPerSecond().getLast()).isEqualTo(new Downsample.Point(MINUTE.getEpochSecond(), 200));
        assertThat(charts.successPercent()).hasSize(2);
        assertThat(charts.p99Ms()).extracting(Downsample.Point::value).containsExactly(200.0, 900.0);
    }

    @Test
    void failuresAbsorbedSaysItNeedsAgents() {
        minute(MINUTE, 60, 0, 0, 0.040, 0.900);

        vm.refresh();

        assertThat(vm.absorbed()).isEmpty();
        assertThat(vm.absorbedNoteProperty().get()).startsWith("Not from CloudWatch");
    }

    @Test
    void oneQueryPerRefreshTheFirstForADayThenTheLastHour() {
        minute(MINUTE, 60, 0, 0, 0.040, 0.900);

        vm.refresh();
        clock.advance(Duration.ofMinutes(1));
        vm.refresh();

        assertThat(cloudWatch.requests).hasSize(2);
        assertThat(cloudWatch.requests.getFirst().metricDataQueries()).hasSize(5);
        assertThat(Duration.between(
                        cloudWatch.requests.get(0).startTime(),
                        cloudWatch.requests.get(0).endTime()))
                .isEqualTo(Duration.ofHours(24));
        assertThat(Duration.between(
                        cloudWatch.requests.get(1).startTime(),
                        cloudWatch.requests.get(1).endTime()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(source.every()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aMinuteCloudWatchCompletesLaterReplacesWhatWasReadBefore() {
        minute(MINUTE, 60, 0, 0, 0.040, 0.900);
        vm.refresh();
        minute(MINUTE, 120, 6, 0, 0.040, 0.900);
        clock.advance(Duration.ofMinutes(1));

        vm.refresh();

        assertThat(vm.days().getFirst())
                .isEqualTo(new OverviewViewModel.DayRow("Past hour", 114, 6, "95.00%", OverviewViewModel.Status.BELOW));
    }

    @Test
    void cloudWatchFailingMarksTheNumbersStaleAndKeepsThem() {
        minute(MINUTE, 60, 0, 0, 0.040, 0.900);
        vm.refresh();
        cloudWatch.failNext("Throttling");
        clock.advance(Duration.ofMinutes(1));

        vm.refresh();

        assertThat(vm.staleProperty().get())
                .startsWith("stale since 10:29:00: CloudWatch did not answer (")
                .contains("throttled");
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("100.00%");
    }

    @Test
    void aQuietLoadBalancerShowsNoTrafficInsteadOfZeros() {
        vm.refresh();

        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.lastMinuteProperty().get().status()).isEqualTo(OverviewViewModel.Status.NO_DATA);
        assertThat(vm.latencyProperty().get()).isEqualTo("no requests");
        assertThat(vm.noteProperty().get()).isEqualTo("per minute, from CloudWatch (shop)");
    }

    @Test
    void withAFleetFilesAgentsFailuresAbsorbedShowsTheirsUnderTheCloudWatchNumbers() {
        FakeEdge edge = new FakeEdge();
        try (AgentsAbsorbed agents = AgentsAbsorbed.create(List.of(FakeEdge.EDGE), edge, Slo.DEFAULT, clock)) {
            OverviewViewModel withAgents = new OverviewViewModel(
                    new CloudWatchLiveSource(
                            new CloudWatchMetrics(cloudWatch),
                            new LoadBalancerScope(LB),
                            "shop",
                            Slo.DEFAULT,
                            clock,
                            Optional.of(agents)),
                    tasks,
                    ZoneOffset.UTC);
            minute(MINUTE, 12_000, 30, 30, 0.040, 0.900);
            agents.sampler().tick().join(); // the baseline
            clock.advance(Duration.ofSeconds(1));
            edge.serve(100, 2);
            edge.absorb(38);
            agents.sampler().tick().join();
            clock.advance(Duration.ofSeconds(1));

            withAgents.refresh();

            assertThat(withAgents.lastMinuteProperty().get().text()).isEqualTo("99.50%"); // CloudWatch's
            assertThat(withAgents.absorbed())
                    .containsExactly(new OverviewViewModel.AbsorbedRow("edge", "hosp", 138, 40, "2", "38 (95%)"));
            assertThat(withAgents.absorbedNoteProperty().get()).isEmpty();
        }
    }
}
