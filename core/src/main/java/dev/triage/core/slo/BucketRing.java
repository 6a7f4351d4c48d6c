package dev.triage.core.slo;

import java.util.Arrays;

/**
 * Fixed-width buckets of request counts for the most recent {@code size} bucket indices, in a ring.
 *
 * <p>Bucket {@code i} covers {@code [i * width, (i + 1) * width)} milliseconds since the epoch. The ring
 * keeps indices {@code head - size + 1 .. head}, where {@code head} is the newest index ever added; adding
 * a newer index moves the ring forward and evicts the oldest buckets into running totals. Memory: two
 * {@code long} arrays, 16 bytes per bucket. Not thread-safe.
 */
final class BucketRing {

    private final long widthMillis;
    private final long[] totals;
    private final long[] failures;
    private long head = Long.MIN_VALUE;
    private long evictedTotal;
    private long evictedFailed;

    BucketRing(long widthMillis, int size) {
        if (widthMillis <= 0 || size <= 0) {
            throw new IllegalArgumentException(
                    "widthMillis: " + widthMillis + ", size: " + size + " (expected: both > 0)");
        }
        this.widthMillis = widthMillis;
        this.totals = new long[size];
        this.failures = new long[size];
    }

    long widthMillis() {
        return widthMillis;
    }

    boolean isEmpty() {
        return head == Long.MIN_VALUE;
    }

    /** The oldest index the ring holds; only meaningful when not empty. */
    long oldestIndex() {
        return head - totals.length + 1;
    }

    /** The index of the bucket holding the given instant. */
    long indexOf(long epochMillis) {
        return Math.floorDiv(epochMillis, widthMillis);
    }

    /** The index of the first bucket that starts at or after the given instant. */
    long firstIndexStartingAtOrAfter(long epochMillis) {
        return Math.ceilDiv(epochMillis, widthMillis);
    }

    /**
     * Adds counts to a bucket, moving the ring forward if the bucket is newer than any before.
     *
     * @return false when the bucket is older than the ring holds (the counts go to the evicted totals)
     */
    boolean add(long index, long total, long failed) {
        if (isEmpty()) {
            head = index;
        } else if (index > head) {
            advanceTo(index);
        } else if (index < oldestIndex()) {
            evictedTotal += total;
            evictedFailed += failed;
            return false;
        }
        int slot = slot(index);
        totals[slot] += total;
        failures[slot] += failed;
        return true;
    }

    /** Sums the buckets with indices in {@code [fromIndex, toIndex)} that the ring still holds. */
    Counts sum(long fromIndex, long toIndex) {
        if (isEmpty()) {
            return Counts.ZERO;
        }
        long from = Math.max(fromIndex, oldestIndex());
        long to = Math.min(toIndex, head + 1);
        long total = 0;
        long failed = 0;
        for (long i = from; i < to; i++) {
            int slot = slot(i);
            total += totals[slot];
            failed += failures[slot];
        }
        return new Counts(total, failed);
    }

    /** Counts that fell out of the ring, or arrived too late for it. */
    Counts evicted() {
        return new Counts(evictedTotal, evictedFailed);
    }

    private void advanceTo(long newHead) {
        if (newHead - head >= totals.length) {
            for (int slot = 0; slot < totals.length; slot++) {
                evictedTotal += totals[slot];
                evictedFailed += failures[slot];
            }
            Arrays.fill(totals, 0);
            Arrays.fill(failures, 0);
        } else {
            for (long i = head + 1; i <= newHead; i++) {
                int slot = slot(i);
                evictedTotal += totals[slot];
                evictedFailed += failures[slot];
                totals[slot] = 0;
                failures[slot] = 0;
            }
        }
        head = newHead;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) totals.length);
    }
}
