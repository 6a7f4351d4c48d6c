package dev.triage.agent.upstream;

import java.time.Duration;

/** A point in time, on the monotonic clock, by which an exchange or attempt must finish. */
public record Deadline(long nanos) {

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public static Deadline afterMillis(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    public long remainingMillis() {
        return Math.max(0, (nanos - System.nanoTime()) / 1_000_000L);
    }

    public boolean expired() {
        return System.nanoTime() - nanos >= 0;
    }

    public Deadline earliest(Deadline other) {
        return nanos - other.nanos <= 0 ? this : other;
    }
}
