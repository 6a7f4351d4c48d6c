package dev.triage.agent.detect;

import java.time.Duration;
import java.time.Instant;

/** A clock the test moves by hand. */
final class FakeClock implements DetectionClock {

    private long nanos = 1_000_000_000L;
    private Instant wall = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public Instant now() {
        return wall;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
        wall = wall.plus(duration);
    }
}
