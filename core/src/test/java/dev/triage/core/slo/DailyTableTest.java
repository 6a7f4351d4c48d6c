package dev.triage.core.slo;

import static dev.triage.core.slo.Traffic.T0;
import static dev.triage.core.slo.Traffic.second;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyTableTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private final SloTracker tracker = new SloTracker(Slo.DEFAULT, Duration.ofSeconds(1));

    @Test
    void splitsDaysAtMidnightInTheGivenZone() {
        // New York is UTC-5 in November: local midnight of the 22nd is 05:00Z.
        tracker.record(second(Instant.parse("2026-11-22T04:30:00Z"), 100, 10)); // 21st, 23:30 local
        tracker.record(second(Instant.parse("2026-11-22T05:30:00Z"), 200, 2)); // 22nd, 00:30 local
        Instant now = Instant.parse("2026-11-22T06:00:00Z");

        assertThat(tracker.dailyTable(now, NEW_YORK, 3))
                .containsExactly(
                        new SuccessRow("2026-11-22", 198, 2),
                        new SuccessRow("2026-11-21", 90, 10),
                        new SuccessRow("2026-11-20", 0, 0),
                        new SuccessRow(SuccessRow.PAST_HOUR, 198, 2),
                        new SuccessRow(SuccessRow.PAST_24_HOURS, 288, 12),
                        new SuccessRow(SuccessRow.ALL_TIME, 288, 12));
        assertThat(tracker.dailyTable(now, ZoneId.of("UTC"), 1))
                .first()
                .isEqualTo(new SuccessRow("2026-11-22", 288, 12));
    }

    @Test
    void daysOlderThanTheFineBucketsComeFromQuarterHours() {
        // Kolkata is UTC+5:30: local midnight of the 21st is 18:30Z on the 20th, a quarter-hour boundary.
        tracker.record(second(Instant.parse("2026-11-20T18:15:00Z"), 100, 100)); // 20th, 23:45 local
        tracker.record(second(Instant.parse("2026-11-20T18:45:00Z"), 100, 1)); // 21st, 00:15 local
        tracker.record(second(Instant.parse("2026-11-22T12:00:00Z"), 100, 0)); // 22nd, 17:30 local
        Instant now = Instant.parse("2026-11-22T12:00:01Z");

        assertThat(tracker.dailyTable(now, KOLKATA, 3))
                .containsExactly(
                        new SuccessRow("2026-11-22", 100, 0),
                        new SuccessRow("2026-11-21", 99, 1),
                        new SuccessRow("2026-11-20", 0, 100),
                        new SuccessRow(SuccessRow.PAST_HOUR, 100, 0),
                        new SuccessRow(SuccessRow.PAST_24_HOURS, 100, 0),
                        new SuccessRow(SuccessRow.ALL_TIME, 199, 101));
    }

    @Test
    void todayCountsOnlyUpToNow() {
        tracker.record(second(T0.plusSeconds(10), 100, 0));
        tracker.record(second(T0.plusSeconds(20), 100, 100));

        assertThat(tracker.dailyTable(T0.plusSeconds(15), ZoneId.of("UTC"), 1))
                .first()
                .isEqualTo(new SuccessRow("2026-11-22", 100, 0));
    }

    @Test
    void allTimeKeepsCountsOlderThanTheObjectiveWindow() {
        tracker.record(second(T0.minus(Duration.ofDays(90)), 50, 5));
        tracker.record(second(T0, 100, 0));

        assertThat(tracker.dailyTable(T0.plusSeconds(1), ZoneId.of("UTC"), 30))
                .last()
                .isEqualTo(new SuccessRow(SuccessRow.ALL_TIME, 145, 5));
        assertThat(tracker.errorBudget(T0.plusSeconds(1)).failed()).isZero();
    }

    @Test
    void rowsHaveASuccessRateOnlyWithTraffic() {
        assertThat(new SuccessRow("x", 3, 1).successRate()).hasValue(0.75);
        assertThat(new SuccessRow("x", 0, 0).successRate()).isEmpty();
    }

    @Test
    void rejectsMoreDaysThanTheObjectiveWindowHolds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tracker.dailyTable(T0, ZoneId.of("UTC"), 31))
                .withMessage("days: 31 (expected: 1..30)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tracker.dailyTable(T0, ZoneId.of("UTC"), 0))
                .withMessage("days: 0 (expected: 1..30)");
    }
}
