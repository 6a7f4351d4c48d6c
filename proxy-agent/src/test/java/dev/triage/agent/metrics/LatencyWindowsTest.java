package dev.triage.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.triage.agent.api.stats.LatencyStats;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyWindowsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final LatencyWindows windows = new LatencyWindows(clock::get);

    @Test
    void reportsSamplesOfTheOpenSecondAtOnce() {
        for (int i = 1; i <= 100; i++) {
            windows.record(i * MS);
        }

        LatencyStats stats = windows.snapshot();

        assertThat(stats.last10s().count()).isEqualTo(100);
        assertThat(stats.sinceStart().count()).isEqualTo(100);
        assertThat(stats.last10s().p50Ms()).isCloseTo(50, within(1.0));
        assertThat(stats.last10s().p99Ms()).isCloseTo(99, within(1.0));
        assertThat(stats.last10s().maxMs()).isCloseTo(100, within(1.0));
    }

    @Test
    void slowSamplesLeaveTheTenSecondWindowButStayInLongerOnes() {
        windows.record(900 * MS);
        clock.addAndGet(12 * SECOND);
        windows.record(10 * MS);

        LatencyStats stats = windows.snapshot();

        assertThat(stats.last10s().count()).isEqualTo(1);
        assertThat(stats.last10s().maxMs()).isCloseTo(10, within(0.5));
        assertThat(stats.last1m().count()).isEqualTo(2);
        assertThat(stats.last1m().maxMs()).isCloseTo(900, within(10.0));
        assertThat(stats.last5m().count()).isEqualTo(2);
    }

    @Test
    void samplesOlderThanFiveMinutesOnlyCountSinceStart() {
        windows.record(5 * MS);
        clock.addAndGet(2 * 60 * SECOND);
        windows.snapshot();
        clock.addAndGet(4 * 60 * SECOND);

        LatencyStats stats = windows.snapshot();

        assertThat(stats.last1m().count()).isZero();
        assertThat(stats.last5m().count()).isZero();
        assertThat(stats.sinceStart().count()).isEqualTo(1);
    }

    @Test
    void aLongIdleSpellClearsEveryWindow() {
        windows.record(5 * MS);
        clock.addAndGet(3_600 * SECOND);
        windows.record(7 * MS);

        LatencyStats stats = windows.snapshot();

        assertThat(stats.last10s().count()).isEqualTo(1);
        assertThat(stats.last5m().count()).isEqualTo(1);
        assertThat(stats.sinceStart().count()).isEqualTo(2);
    }

    @Test
    void oneMinuteWindowDropsSamplesAfterAboutAMinute() {
        windows.record(5 * MS);
        clock.addAndGet(30 * SECOND);
        assertThat(windows.snapshot().last1m().count()).isEqualTo(1);

        clock.addAndGet(45 * SECOND);

        assertThat(windows.snapshot().last1m().count()).isZero();
        assertThat(windows.snapshot().last5m().count()).isEqualTo(1);
    }
}
