package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.console.fx.Tasks;
import dev.triage.core.slo.Slo;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The overview's numbers from scripted readings, one a second, without JavaFX running. */
class OverviewViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final Deque<Object> script = new ArrayDeque<>();
    private final Tasks tasks = Tasks.direct();
    private final OverviewViewModel vm = new OverviewViewModel(
            () -> {
                Object next = script.removeFirst();
                if (next instanceof Exception e) {
                    throw e;
                }
                return (Reading) next;
            },
            tasks,
            Slo.DEFAULT,
            ZoneOffset.UTC);

    @AfterEach
    void close() {
        tasks.close();
    }

    private static Reading reading(int second, long requests, long failed) {
        return reading(second, requests, failed, List.of());
    }

    private static Reading reading(int second, long requests, long failed, List<Reading.AgentFailures> agents) {
        return new Reading(
                T0.plusSeconds(second).plusMillis(137),
                new Reading.Front(requests, failed, 40, 900),
                agents,
                List.of());
    }

    private void feed(Object... readings) {
        for (Object r : readings) {
            script.addLast(r);
            vm.refresh();
        }
    }

    @Test
    void oneReadingIsNotYetLive() {
        feed(reading(0, 100, 0));

        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.lastMinuteProperty().get().status()).isEqualTo(OverviewViewModel.Status.NO_DATA);
    }

    @Test
    void successRateAboveTheObjectiveMeetsItAndBelowDoesNot() {
        feed(reading(0, 0, 0), reading(1, 1_000, 5));
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.lastMinuteProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("99.50%", OverviewViewModel.Status.MEETS));

        feed(reading(2, 2_000, 105));
        assertThat(vm.lastMinuteProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("94.75%", OverviewViewModel.Status.BELOW));
        assertThat(vm.lastHourProperty().get().text()).isEqualTo("94.75%");
        assertThat(vm.lastDayProperty().get().status()).isEqualTo(OverviewViewModel.Status.BELOW);
    }

    @Test
    void latencyRequestsPerSecondBudgetAndBurnRate() {
        feed(reading(0, 0, 0), reading(1, 50, 0), reading(2, 100, 1));

        assertThat(vm.latencyProperty().get()).isEqualTo("p50 40 ms · p99 900 ms");
        assertThat(vm.requestsPerSecondProperty().get()).isEqualTo("50.0/s");
        // 1 failure of 100 requests against 1% allowed: the budget is exactly spent
        assertThat(vm.errorBudgetProperty().get())
                .isEqualTo(new OverviewViewModel.Rate("0% left", OverviewViewModel.Status.BELOW));
        assertThat(vm.burnRateProperty().get()).isEqualTo("1.0× (1 h) · 1.0× (5 min)");
    }

    @Test
    void aFastBurnRaisesThePageAlert() {
        feed(reading(0, 0, 0), reading(1, 100, 50));

        assertThat(vm.alertsProperty().get()).startsWith("PAGE: burning the error budget 50.0× too fast (fast)");
    }

    @Test
    void aRestartedSourceCountsFromZeroInsteadOfGoingNegative() {
        feed(reading(0, 1_000, 10), reading(1, 1_100, 10), reading(2, 30, 0));

        assertThat(vm.days().getFirst().successful()).isEqualTo(130);
        assertThat(vm.days().getFirst().failed()).isZero();
    }

    @Test
    void dailyTableListsPastHourPast24HoursTodayAndAllTime() {
        feed(reading(0, 0, 0), reading(1, 200, 2));

        assertThat(vm.days())
                .extracting(OverviewViewModel.DayRow::label)
                .containsExactly("Past hour", "Past 24 hours", "2026-11-22", "All time");
        assertThat(vm.days().get(2))
                .isEqualTo(
                        new OverviewViewModel.DayRow("2026-11-22", 198, 2, "99.00%", OverviewViewModel.Status.MEETS));
    }

    @Test
    void failuresAbsorbedCountsSinceTheConsoleOpenedPerAgentAndGroup() {
        List<Reading.AgentFailures> before = List.of(
                new Reading.AgentFailures("node-1", List.of(new Reading.GroupFailures("hosp", 10, 12, 3)), 1),
                new Reading.AgentFailures(
                        "edge",
                        List.of(
                                new Reading.GroupFailures("legacy", 10, 10, 1),
                                new Reading.GroupFailures("replacement", 0, 0, 0)),
                        1));
        List<Reading.AgentFailures> after = List.of(
                new Reading.AgentFailures("node-1", List.of(new Reading.GroupFailures("hosp", 110, 140, 43)), 3),
                new Reading.AgentFailures(
                        "edge",
                        List.of(
                                new Reading.GroupFailures("legacy", 100, 100, 3),
                                new Reading.GroupFailures("replacement", 10, 10, 0)),
                        3));
        feed(reading(0, 0, 0, before), reading(1, 110, 2, after));

        assertThat(vm.absorbed())
                .containsExactly(
                        new OverviewViewModel.AbsorbedRow("node-1", "hosp", 128, 40, "2", "38 (95%)"),
                        new OverviewViewModel.AbsorbedRow("edge", "legacy", 90, 2, "-", "-"),
                        new OverviewViewModel.AbsorbedRow("edge", "replacement", 10, 0, "-", "-"),
                        new OverviewViewModel.AbsorbedRow("edge", "all groups", 100, 2, "2", "0 (0%)"));
    }

    @Test
    void aSourceThatStopsAnsweringMarksTheNumbersStaleAndRecovers() {
        feed(reading(0, 0, 0), reading(1, 10, 0), new IOException("connection refused"));

        assertThat(vm.staleProperty().get())
                .isEqualTo("stale since 10:00:01: the load balancer's agent did not answer (connection refused)");
        assertThat(vm.lastMinuteProperty().get().text()).isEqualTo("100.00%");

        feed(reading(3, 20, 0));
        assertThat(vm.staleProperty().get()).isEmpty();
    }

    @Test
    void chartsHoldOnePointPerReadingInterval() {
        feed(reading(0, 0, 0), reading(1, 10, 0), reading(2, 30, 10));

        OverviewViewModel.Charts charts = vm.chartsProperty().get();
        assertThat(charts.requestsPerSecond())
                .extracting(SeriesBuffer.Point::value)
                .containsExactly(10.0, 20.0);
        assertThat(charts.successPercent())
                .extracting(SeriesBuffer.Point::value)
                .containsExactly(100.0, 50.0);
        assertThat(charts.p99Ms()).hasSize(2);
    }
}
