package dev.triage.agent.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final long NOW = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.nanos("120", NOW)).isEqualTo(120_000_000_000L);
        assertThat(RetryAfter.nanos(" 0 ", NOW)).isZero();
    }

    @Test
    void readsAnHttpDateAgainstTheWallClock() {
        assertThat(RetryAfter.nanos("Mon, 02 Mar 2026 10:00:30 GMT", NOW)).isEqualTo(30_000_000_000L);
    }

    @Test
    void readsAPastDateAsNoWait() {
        assertThat(RetryAfter.nanos("Mon, 02 Mar 2026 09:59:00 GMT", NOW)).isZero();
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.nanos("soon", NOW)).isZero();
        assertThat(RetryAfter.nanos("-5", NOW)).isZero();
        assertThat(RetryAfter.nanos("", NOW)).isZero();
        assertThat(RetryAfter.nanos(null, NOW)).isZero();
    }

    @Test
    void capsAHugeDeltaInsteadOfOverflowing() {
        assertThat(RetryAfter.nanos("99999999999999999999", NOW)).isPositive();
    }
}
