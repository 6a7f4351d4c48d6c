package dev.triage.core.slo;

import static dev.triage.core.slo.Traffic.T0;
import static dev.triage.core.slo.Traffic.second;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SloTrackerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SloTracker tracker = new SloTracker(Slo.DEFAULT, SECOND);

    @Test
    void successRateCountsGapsAsNoTraffic() {
        tracker.record(second(T0, 100, 10));
        tracker.record(second(T0.plusSeconds(30), 100, 0));
        Instant now = T0.plusSeconds(60);

        assertThat(tracker.successRate(now, MINUTE)).hasValue(190.0 / 200);
        assertThat(tracker.successRate(now, Duration.ofSeconds(30))).hasValue(1.0);
        assertThat(tracker.successRate(now, Duration.ofSeconds(29))).isEmpty();
    }

    @Test
    void aWindowHoldsTheBucketsThatStartInsideIt() {
        tracker.record(second(T0, 10, 10));
        tracker.record(second(T0.plusSeconds(1), 10, 0));

        assertThat(tracker.successRate(T0.plusSeconds(2), Duration.ofSeconds(2)))
                .hasValue(0.5);
        assertThat(tracker.successRate(T0.plusSeconds(2), SECOND)).hasValue(1.0);
        assertThat(tracker.successRate(T0.plusSeconds(1), SECOND)).hasValue(0.0);
        assertThat(tracker.successRate(T0, SECOND))
                .as("nothing starts before T0")
                .isEmpty();
    }

    @Test
    void ignoresCountsNewerThanNow() {
        tracker.record(second(T0, 100, 0));
        tracker.record(second(T0.plusSeconds(10), 100, 100));

        assertThat(tracker.successRate(T0.plusSeconds(5), MINUTE)).hasValue(1.0);
        assertThat(tracker.errorBudget(T0.plusSeconds(5)).failed()).isZero();
    }

    @Test
    void rejectsNonPositiveWindows() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tracker.successRate(T0, Duration.ZERO))
                .withMessage("window: PT0S (expected: > 0)");
    }

    @Test
    void errorBudgetIsConsumedByFailures() {
        Traffic.steady(tracker, T0, Duration.ofMinutes(10), 10, 0); // 6,000 requests
        tracker.record(second(T0.plus(Duration.ofMinutes(10)), 4_000, 50));

        ErrorBudget budget = tracker.errorBudget(T0.plus(Duration.ofMinutes(11)));

        assertThat(budget.allowedFailures()).isEqualTo(100.0);
        assertThat(budget.failed()).isEqualTo(50.0);
        assertThat(budget.remainingFraction()).isEqualTo(0.5);
        assertThat(budget.exhausted()).isFalse();
    }

    @Test
    void errorBudgetGoesNegativeWhenOverspent() {
        tracker.record(second(T0, 10_000, 100));
        assertThat(tracker.errorBudget(T0.plusSeconds(1)).remainingFraction()).isZero();
        assertThat(tracker.errorBudget(T0.plusSeconds(1)).exhausted()).isTrue();

        tracker.record(second(T0.plusSeconds(1), 100, 50));
        ErrorBudget budget = tracker.errorBudget(T0.plusSeconds(2));

        assertThat(budget.allowedFailures()).isCloseTo(101.0, within(1e-9));
        assertThat(budget.failed()).isEqualTo(150.0);
        assertThat(budget.remainingFraction()).isCloseTo((101.0 - 150) / 101, within(1e-12));
        assertThat(budget.exhausted()).isTrue();
    }

    @Test
    void errorBudgetWithoutTrafficIsWhole() {
        assertThat(tracker.errorBudget(T0)).isEqualTo(new ErrorBudget(0, 0, 1));
    }

    @Test
    void errorBudgetCoversTheObjectiveWindowBeyondTheFineBuckets() {
        Instant now = T0.plus(Duration.ofDays(40));
        tracker.record(second(T0, 1_000, 1_000)); // 40 days ago: outside the 30-day window
        tracker.record(second(now.minus(Duration.ofDays(10)), 1_000, 5)); // only in quarter-hours
        tracker.record(second(now.minusSeconds(1), 1_000, 5));

        ErrorBudget budget = tracker.errorBudget(now);

        assertThat(budget.allowedFailures()).isEqualTo(20.0);
        assertThat(budget.failed()).isEqualTo(10.0);
        assertThat(tracker.successRate(now, Duration.ofHours(24))).hasValue(0.995);
    }

    @Test
    void burnRateIsErrorRateOverTheBudgetFraction() {
        tracker.record(second(T0, 1_000, 144));

        assertThat(tracker.burnRate(T0.plusSeconds(1), MINUTE)).isCloseTo(14.4, within(1e-9));
        assertThat(tracker.burnRate(T0.plusSeconds(1), SECOND)).isCloseTo(14.4, within(1e-9));
    }

    @Test
    void burnRateScalesWithTheObjective() {
        SloTracker strict = new SloTracker(new Slo("api", 0.999, Duration.ofDays(30)), SECOND);
        strict.record(second(T0, 1_000, 6));

        assertThat(strict.burnRate(T0.plusSeconds(1), MINUTE)).isCloseTo(6.0, within(1e-9));
        assertThat(strict.burnRate(T0.plus(Duration.ofHours(1)), MINUTE))
                .as("no traffic burns nothing")
                .isZero();
    }

    @Test
    void minuteCountsSpreadOverSecondBucketsAndMixWithSecondCounts() {
        tracker.record(new RequestCounts(T0, MINUTE, 600, 61)); // CloudWatch
        for (int s = 60; s < 70; s++) {
            tracker.record(second(T0.plusSeconds(s), 10, 1)); // agent
        }
        Instant now = T0.plusSeconds(70);

        assertThat(tracker.successRate(now, Duration.ofSeconds(70))).hasValue((700.0 - 71) / 700);
        assertThat(tracker.successRate(now, Duration.ofSeconds(10))).hasValue(0.9);
        // 30 seconds of the minute: 10 per second; the extra failure went to the minute's first second
        assertThat(tracker.successRate(T0.plusSeconds(60), Duration.ofSeconds(30)))
                .hasValue(0.9);
        assertThat(tracker.successRate(T0.plusSeconds(1), SECOND)).hasValue(8.0 / 10);
    }

    @Test
    void secondCountsAggregateIntoMinuteBuckets() {
        SloTracker minutes = new SloTracker(Slo.DEFAULT, MINUTE);
        for (int s = 0; s < 90; s++) {
            minutes.record(second(T0.plusSeconds(s), 10, s < 60 ? 1 : 0));
        }
        minutes.record(new RequestCounts(T0.plusSeconds(120), MINUTE, 100, 100));

        assertThat(minutes.successRate(T0.plusSeconds(60), MINUTE)).hasValue(0.9);
        assertThat(minutes.successRate(T0.plusSeconds(120), MINUTE)).hasValue(1.0);
        assertThat(minutes.successRate(T0.plusSeconds(180), Duration.ofMinutes(3)))
                .hasValue((1000.0 - 160) / 1000);
    }

    @Test
    void outOfOrderCountsGiveTheSameAnswers() {
        List<RequestCounts> inputs = new ArrayList<>();
        for (int s = 0; s < 2 * 3600; s += 7) {
            inputs.add(second(T0.plusSeconds(s), 50 + s % 13, s % 11));
        }
        for (int m = 0; m < 120; m += 3) {
            inputs.add(new RequestCounts(T0.plus(Duration.ofMinutes(m)), MINUTE, 600, m % 5));
        }
        SloTracker inOrder = new SloTracker(Slo.DEFAULT, SECOND);
        inputs.forEach(inOrder::record);
        Collections.shuffle(inputs, new Random(42));
        inputs.forEach(tracker::record);
        Collections.reverse(inputs);
        SloTracker reversed = new SloTracker(Slo.DEFAULT, SECOND);
        inputs.forEach(reversed::record);

        Instant now = T0.plus(Duration.ofHours(2));
        for (Duration window : List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1))) {
            assertThat(tracker.successRate(now, window)).isEqualTo(inOrder.successRate(now, window));
            assertThat(reversed.burnRate(now, window)).isEqualTo(inOrder.burnRate(now, window));
        }
        assertThat(tracker.successRate(now, Duration.ofHours(2))).isNotEmpty();
        assertThat(tracker.errorBudget(now)).isEqualTo(inOrder.errorBudget(now));
    }

    @Test
    void lateCountsOlderThanTheFineBucketsStillCountTowardsTheBudget() {
        SloTracker sixHours = new SloTracker(Slo.DEFAULT, SECOND, Duration.ofHours(6));
        Instant now = T0.plus(Duration.ofHours(12));
        sixHours.record(second(now.minusSeconds(1), 100, 0));

        sixHours.record(second(now.minus(Duration.ofHours(10)), 100, 100));

        assertThat(sixHours.successRate(now, Duration.ofHours(6))).hasValue(1.0);
        assertThat(sixHours.successRate(now, Duration.ofHours(11))).hasValue(0.5);
        assertThat(sixHours.errorBudget(now).failed()).isEqualTo(100.0);
    }

    @Test
    void rejectsStepsThatDoNotFitTheResolution() {
        SloTracker minutes = new SloTracker(Slo.DEFAULT, MINUTE);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> minutes.record(new RequestCounts(T0, Duration.ofSeconds(7), 1, 0)))
                .withMessage("step: PT7S (expected: a multiple or a divisor of the resolution PT1M)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tracker.record(new RequestCounts(T0, Duration.ofMillis(1500), 1, 0)))
                .withMessage("step: PT1.5S (expected: a multiple or a divisor of the resolution PT1S)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tracker.record(new RequestCounts(T0, Duration.ofHours(2), 1, 0)))
                .withMessage("step: PT2H (expected: whole milliseconds, at most PT1H)");
    }

    @Test
    void rejectsStartsOffTheBucketBoundaries() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tracker.record(second(T0.plusMillis(500), 1, 0)))
                .withMessage("start: 2026-11-22T00:00:00.500Z (expected: aligned to PT1S since the epoch)");
        assertThatCode(() -> tracker.record(new RequestCounts(T0.plusSeconds(30), MINUTE, 1, 0)))
                .as("a minute may start on any second of a 1 s tracker")
                .doesNotThrowAnyException();
        SloTracker minutes = new SloTracker(Slo.DEFAULT, MINUTE);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> minutes.record(new RequestCounts(T0.plusSeconds(30), MINUTE, 1, 0)))
                .withMessage("start: 2026-11-22T00:00:30Z (expected: aligned to PT1M since the epoch)");
    }

    @Test
    void rejectsResolutionsAndRetentionsItCannotServe() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SloTracker(Slo.DEFAULT, Duration.ofSeconds(7)))
                .withMessage("resolution: PT7S (expected: whole seconds that divide PT5M, e.g. PT1S or PT1M)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SloTracker(Slo.DEFAULT, Duration.ofMillis(500)))
                .withMessageStartingWith("resolution: PT0.5S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SloTracker(Slo.DEFAULT, Duration.ofMinutes(10)))
                .withMessageStartingWith("resolution: PT10M");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SloTracker(Slo.DEFAULT, SECOND, Duration.ofHours(1)))
                .withMessage("retention: PT1H (expected: PT6H to PT48H)");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new SloTracker(Slo.DEFAULT, MINUTE, Duration.ofHours(6).plusSeconds(30)))
                .withMessage("retention: PT6H30S (expected: a multiple of the resolution PT1M)");
    }
}
