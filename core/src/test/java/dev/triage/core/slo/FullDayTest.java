package dev.triage.core.slo;

import static dev.triage.core.slo.Traffic.T0;
import static dev.triage.core.slo.Traffic.second;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A day of one-second buckets: 86,400 of them, recorded and queried. */
class FullDayTest {

    private static final int SECONDS_PER_DAY = 86_400;

    @Test
    void holdsADayOfSecondsAndMovesOnPastIt() {
        SloTracker tracker = new SloTracker(Slo.DEFAULT, Duration.ofSeconds(1));
        for (int s = 0; s < SECONDS_PER_DAY; s++) {
            tracker.record(second(T0.plusSeconds(s), 10, s % 100 == 0 ? 1 : 0));
        }
        Instant endOfDay = T0.plusSeconds(SECONDS_PER_DAY);

        assertThat(tracker.successRate(endOfDay, Duration.ofHours(24))).hasValue((864_000.0 - 864) / 864_000);
        assertThat(tracker.dailyTable(endOfDay, ZoneId.of("UTC"), 2))
                .containsSubsequence(
                        new SuccessRow("2026-11-23", 0, 0),
                        new SuccessRow("2026-11-22", 864_000 - 864, 864),
                        new SuccessRow(SuccessRow.PAST_HOUR, 36_000 - 36, 36),
                        new SuccessRow(SuccessRow.PAST_24_HOURS, 864_000 - 864, 864));
        assertThat(tracker.alerts(endOfDay)).isEmpty();

        for (int s = 0; s < 3600; s++) {
            tracker.record(second(endOfDay.plusSeconds(s), 10, 10));
        }
        Instant later = endOfDay.plusSeconds(3600);

        assertThat(tracker.successRate(later, Duration.ofHours(24))).hasValue((828_000.0 - 828) / 864_000);
        assertThat(tracker.errorBudget(later).failed()).isEqualTo(864.0 + 36_000);
        assertThat(tracker.alerts(later))
                .extracting(BurnRateAlert::rule)
                .containsExactly(BurnRateRule.FAST, BurnRateRule.SLOW);
    }
}
