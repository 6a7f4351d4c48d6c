package dev.triage.agent.retry;

import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter: retry n waits a uniform random time in [0, min(max, base * 2^(n-1))]. */
record Backoff(long baseNanos, long maxNanos) {

    static Backoff ofMillis(int baseMs, int maxMs) {
        return new Backoff(baseMs * 1_000_000L, maxMs * 1_000_000L);
    }

    /** The upper bound of retry {@code retry}'s wait (1 for the first retry). */
    long capNanos(int retry) {
        if (baseNanos == 0) {
            return 0;
        }
        int doublings = Math.min(retry - 1, Long.numberOfLeadingZeros(baseNanos) - 1);
        return Math.min(maxNanos, baseNanos << doublings);
    }

    long delayNanos(int retry, RandomGenerator random) {
        long cap = capNanos(retry);
        return cap == 0 ? 0 : random.nextLong(cap + 1);
    }
}
