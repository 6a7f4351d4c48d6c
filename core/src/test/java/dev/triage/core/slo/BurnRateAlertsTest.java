package dev.triage.core.slo;

import static dev.triage.core.slo.Traffic.T0;
import static dev.triage.core.slo.Traffic.steady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurnRateAlertsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTES_5 = Duration.ofMinutes(5);
    private static final Duration MINUTES_30 = Duration.ofMinutes(30);

    private final SloTracker tracker = new SloTracker(Slo.DEFAULT, Duration.ofSeconds(1));

    @Test
    void pagesWhenTheLastHourAndTheLastFiveMinutesBothBurnFast() {
        steady(tracker, T0, Duration.ofHours(5), 100, 0);
        steady(tracker, T0.plus(Duration.ofHours(5)), HOUR, 100, 15);
        Instant now = T0.plus(Duration.ofHours(6));

        List<BurnRateAlert> alerts = tracker.alerts(now);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(BurnRateRule.FAST);
            assertThat(alert.severity()).isEqualTo(Severity.PAGE);
            assertThat(alert.longWindow()).isEqualTo(HOUR);
            assertThat(alert.shortWindow()).isEqualTo(MINUTES_5);
            assertThat(alert.longBurnRate()).isCloseTo(15, within(1e-9));
            assertThat(alert.shortBurnRate()).isCloseTo(15, within(1e-9));
            assertThat(alert.evaluatedAt()).isEqualTo(now);
        });
        assertThat(tracker.burnRate(now, Duration.ofHours(6))).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void pagesAtExactlyTheThreshold() {
        steady(tracker, T0, HOUR, 1_000, 144);

        assertThat(tracker.alerts(T0.plus(HOUR)))
                .extracting(BurnRateAlert::rule)
                .containsExactly(BurnRateRule.FAST, BurnRateRule.SLOW);
    }

    @Test
    void aFiveMinuteSpikeAloneDoesNotPage() {
        steady(tracker, T0, Duration.ofMinutes(55), 100, 0);
        steady(tracker, T0.plus(Duration.ofMinutes(55)), MINUTES_5, 100, 100);
        Instant now = T0.plus(HOUR);

        assertThat(tracker.burnRate(now, MINUTES_5)).isCloseTo(100, within(1e-9));
        assertThat(tracker.burnRate(now, HOUR)).isCloseTo(100.0 / 12, within(1e-9));
        assertThat(tracker.alerts(now)).extracting(BurnRateAlert::rule).doesNotContain(BurnRateRule.FAST);
    }

    @Test
    void aLongBurnThatStoppedTenMinutesAgoNoLongerPages() {
        steady(tracker, T0, Duration.ofMinutes(50), 100, 20);
        steady(tracker, T0.plus(Duration.ofMinutes(50)), Duration.ofMinutes(10), 100, 0);
        Instant stopped = T0.plus(Duration.ofMinutes(50));
        Instant now = T0.plus(HOUR);

        assertThat(tracker.alerts(stopped)).extracting(BurnRateAlert::rule).contains(BurnRateRule.FAST);
        assertThat(tracker.burnRate(now, HOUR)).isCloseTo(20.0 * 50 / 60, within(1e-9));
        assertThat(tracker.burnRate(now, MINUTES_5)).isZero();
        assertThat(tracker.alerts(now)).extracting(BurnRateAlert::rule).doesNotContain(BurnRateRule.FAST);
    }

    @Test
    void opensATicketWhenSixHoursAndThirtyMinutesBothBurnSlowly() {
        steady(tracker, T0, Duration.ofHours(6), 100, 7);
        Instant now = T0.plus(Duration.ofHours(6));

        assertThat(tracker.alerts(now)).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(BurnRateRule.SLOW);
            assertThat(alert.severity()).isEqualTo(Severity.TICKET);
            assertThat(alert.longWindow()).isEqualTo(Duration.ofHours(6));
            assertThat(alert.shortWindow()).isEqualTo(MINUTES_30);
            assertThat(alert.longBurnRate()).isCloseTo(7, within(1e-9));
            assertThat(alert.shortBurnRate()).isCloseTo(7, within(1e-9));
        });
    }

    @Test
    void aThirtyMinuteBurnAloneDoesNotOpenATicket() {
        steady(tracker, T0, Duration.ofHours(5).plus(MINUTES_30), 100, 0);
        steady(tracker, T0.plus(Duration.ofHours(5).plus(MINUTES_30)), MINUTES_30, 100, 10);
        Instant now = T0.plus(Duration.ofHours(6));

        assertThat(tracker.burnRate(now, MINUTES_30)).isCloseTo(10, within(1e-9));
        assertThat(tracker.burnRate(now, Duration.ofHours(6))).isCloseTo(10.0 / 12, within(1e-9));
        assertThat(tracker.alerts(now)).isEmpty();
    }

    @Test
    void aSlowBurnThatStoppedThirtyMinutesAgoNoLongerOpensATicket() {
        steady(tracker, T0, Duration.ofHours(5).plus(MINUTES_30), 100, 8);
        Instant stopped = T0.plus(Duration.ofHours(5).plus(MINUTES_30));
        steady(tracker, stopped, MINUTES_30, 100, 0);
        Instant now = T0.plus(Duration.ofHours(6));

        assertThat(tracker.alerts(stopped)).extracting(BurnRateAlert::rule).containsExactly(BurnRateRule.SLOW);
        assertThat(tracker.burnRate(now, Duration.ofHours(6))).isCloseTo(8 * 5.5 / 6, within(1e-9));
        assertThat(tracker.alerts(now)).isEmpty();
    }

    @Test
    void noTrafficRaisesNoAlerts() {
        steady(tracker, T0, HOUR, 100, 100);

        assertThat(tracker.alerts(T0.plus(Duration.ofHours(7)))).isEmpty();
    }
}
