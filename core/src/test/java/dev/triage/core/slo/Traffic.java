package dev.triage.core.slo;

import java.time.Duration;
import java.time.Instant;

/** Test helper: steady traffic fed to a tracker one minute at a time. */
final class Traffic {

    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    private Traffic() {}

    /** Records {@code perSecond} requests, {@code failedPerSecond} of them failed, each second of a span. */
    static void steady(SloTracker tracker, Instant from, Duration span, long perSecond, long failedPerSecond) {
        long minutes = span.toMinutes();
        for (long m = 0; m < minutes; m++) {
            tracker.record(new RequestCounts(
                    from.plus(Duration.ofMinutes(m)), Duration.ofMinutes(1), perSecond * 60, failedPerSecond * 60));
        }
    }

    static RequestCounts second(Instant start, long total, long failed) {
        return new RequestCounts(start, Duration.ofSeconds(1), total, failed);
    }
}
