package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.lab.LabFleet;
import dev.triage.core.metrics.MutableClock;
import dev.triage.core.slo.Slo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The overview fed by core as on the lab: a fake edge agent's stats, core's StatsSampler writing them into
 * core's LiveMetrics once a (fake) second, the ViewModel reading them, without JavaFX running.
 */
class OverviewViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.250Z");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeEdge edge = new FakeEdge();
    private final AgentsLiveSource source = AgentsLiveSource.create(
            List.of(FakeEdge.EDGE), FakeEdge.EDGE, edge, LabFleet.SCOPE_IDS, Slo.DEFAULT, clock);
    private final Tasks tasks = Tasks.direct();
    private final OverviewViewModel vm = new OverviewViewModel(source, tasks, ZoneOffset.UTC);

    @AfterEach
    void close() {
        tasks.close();
        source.close();
    }

    /** One second: the sampler asks the agent, the clock moves on, the overview refreshes. */
    private void second() {
        source.sampler().tick().join();
        clock.advance(Duration.ofSeconds(1));
        vm.refresh();
    }

    @Test
    void theAgentsFirstAnswerIsOnlyABaseline() {
        edge.serve(100, 0);
        second();

        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.lastMinuteProperty().get().status()).isEqualTo(OverviewViewModel.Status.NO_DATA);
        assertThat(vm.noteProperty().get()).startsWith("per second, from the agents · newest 10:00:00");
    }

    @Test
    void successRateAboveTheObjectiveMeetsItAndBelowDoesNot() {
        second();
        edge.serve(1_000, 5);
        second();
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.lastMinuteProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("99.50%", OverviewViewModel.Status.MEETS));

        edge.serve(1_000, 100);
        second();
        assertThat(vm.lastMinuteProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("94.75%", OverviewViewModel.Status.BELOW));
        assertThat(vm.lastHourProperty().get().text()).isEqualTo("94.75%");
        assertThat(vm.lastDayProperty().get().status()).isEqualTo(OverviewViewModel.Status.BELOW);
    }

    @Test
    void latencyRequestsPerSecondBudgetAndBurnRate() {
        second();
        edge.serve(50, 0);
        second();
        edge.serve(50, 1);
        second();

        assertThat(vm.latencyProperty().get()).isEqualTo("p50 40 ms · p99 900 ms");
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("50.0/s");
        // 1 failure of 100 requests against 1% allowed: the budget is exactly spent
        assertThat(vm.errorBudgetProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("0% left", OverviewViewModel.Status.BELOW));
        assertThat(vm.burnRateProperty().get()).isEqualTo("1.0× (1 h) · 1.0× (5 min)");
    }

    @Test
    void aFastBurnRaisesThePageAlert() {
        second();
        edge.serve(100, 50);
        second();

        assertThat(vm.alertsProperty().get()).startsWith("PAGE: burning the error budget 50.0× too fast (fast)");
    }

    @Test
    void dailyTableListsPastHourPast24HoursTodayAndAllTime() {
        second();
        edge.serve(200, 2);
        second();

        assertThat(vm.days())
                .extracting(OverviewViewModel.DayRow::label)
                .containsExactly("Past hour", "Past 24 hours", "2026-11-22", "All time");
        assertThat(vm.days().get(2))
                .isEqualTo(
                        new OverviewViewModel.DayRow("2026-11-22", 198, 2, "99.00%", OverviewViewModel.Status.MEETS));
    }

    @Test
    void failuresAbsorbedComparesUpstreamFailuresWithWhatClientsSawPerTargetGroup() {
        second();
        edge.serve(100, 2);
        edge.absorb(38);
        second();

        assertThat(vm.absorbed())
                .containsExactly(new OverviewViewModel.AbsorbedRow("edge", "hosp", 138, 40, "2", "38 (95%)"));
        assertThat(vm.absorbedNoteProperty().get()).isEmpty();
    }

    @Test
    void anAgentThatStopsAnsweringMarksTheNumbersStaleAndRecovers() {
        second();
        edge.serve(10, 0);
        second();
        edge.down = true;
        for (int i = 0; i < 5; i++) {
            second();
        }

        assertThat(vm.staleProperty().get())
                .isEqualTo("stale since 10:00:01: the load balancer's agent did not answer (connection refused)");
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("100.00%");

        edge.down = false;
        edge.serve(10, 0);
        second();
        assertThat(vm.staleProperty().get()).isEmpty();
    }

    @Test
    void chartsHoldOnePointPerSecondWhileShort() {
        second();
        edge.serve(10, 0);
        second();
        edge.serve(20, 10);
        second();

        OverviewViewModel.Charts charts = vm.chartsProperty().get();
        assertThat(charts.requestsPerSecond())
                .extracting(Downsample.Point::value)
                .containsExactly(10.0, 20.0);
        assertThat(charts.successPercent()).extracting(Downsample.Point::value).containsExactly(100.0, 50.0);
        assertThat(charts.p99Ms()).extracting(Downsample.Point::value).containsExactly(900.0, 900.0);
    }

    @Test
    void aDayOfOneSecondUpdatesDrawsTheLastHourInABoundedNumberOfPoints() {
        second();
        int maxSeen = 0;
        for (int s = 1; s <= 86_400; s++) {
            edge.serve(10 + s % 7, s % 1_000 == 0 ? 5 : 0);
            source.sampler().tick().join();
            clock.advance(Duration.ofSeconds(1));
            if (s % 600 == 0) {
                vm.refresh();
                OverviewViewModel.Charts charts = vm.chartsProperty().get();
                maxSeen = Math.max(
                        maxSeen,
                        Math.max(
                                charts.requestsPerSecond().size(),
                                Math.max(
                                        charts.successPercent().size(),
                                        charts.p99Ms().size())));
            }
        }

        OverviewViewModel.Charts charts = vm.chartsProperty().get();
        assertThat(maxSeen).isLessThanOrEqualTo(OverviewViewModel.CHART_POINTS);
        assertThat(charts.requestsPerSecond())
                .hasSizeBetween(OverviewViewModel.CHART_POINTS / 2, OverviewViewModel.CHART_POINTS);
        assertThat(charts.successPercent()).hasSize(OverviewViewModel.CHART_POINTS);
        long now = clock.instant().getEpochSecond();
        assertThat(charts.requestsPerSecond().getFirst().epochSecond()).isGreaterThanOrEqualTo(now - 3_600);
        // the minimum of every bucket keeps the dips of the seconds with failures visible
        assertThat(charts.successPercent()).extracting(Downsample.Point::value).anyMatch(v -> v < 100);
        assertThat(charts.requestsPerSecond())
                .extracting(Downsample.Point::value)
                .contains(10.0, 16.0);
        assertThat(vm.days().getFirst().label()).isEqualTo("Past hour");
    }
}
