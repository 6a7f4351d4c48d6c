package dev.triage.agent.detect;

/**
 * What the detectors remember about one source address: the times of its recent 401/403 and 404
 * answers (rings as long as the burst thresholds, allocated on first use) and its write-rate bucket
 * and usual rate. Guarded by its own monitor: calls are short and contention is per source.
 *
 * <p>The usual rate is an exponentially weighted moving average of the writes per bucket (empty
 * buckets included). It starts at zero, so a new source is judged by the floor alone; once {@value
 * #MIN_HISTORY_BUCKETS} buckets have passed it is bias-corrected (divided by the weight the average
 * has gathered), so a steady source's usual rate is its real rate after a minute rather than after
 * several half-lives.
 */
final class SourceState {

    /** Buckets of history before the usual rate is bias-corrected. */
    static final int MIN_HISTORY_BUCKETS = 6;

    private BurstRing authFailures;
    private BurstRing notFound;
    private long bucketStart = Long.MIN_VALUE;
    private long writesInBucket;
    private double average;
    private long observedBuckets;
    private double usualPerBucket;

    /** Records a 401/403 at {@code now}; true when it completes a burst. */
    synchronized boolean authFailure(long now, int threshold, long windowNanos) {
        if (authFailures == null || authFailures.size() != threshold) {
            authFailures = new BurstRing(threshold);
        }
        return authFailures.record(now, windowNanos);
    }

    /** Records a 404 at {@code now}; true when it completes a burst. */
    synchronized boolean notFound(long now, int threshold, long windowNanos) {
        if (notFound == null || notFound.size() != threshold) {
            notFound = new BurstRing(threshold);
        }
        return notFound.record(now, windowNanos);
    }

    /**
     * Counts a write at {@code now}; returns the writes in the current bucket when they exceed
     * {@code max(floor, factor x usual)}, else 0.
     */
    synchronized long write(long now, WriteRateSettings rate) {
        if (bucketStart == Long.MIN_VALUE) {
            bucketStart = now;
        }
        long elapsed = (now - bucketStart) / rate.bucketNanos();
        if (elapsed > 0) {
            double keep = 1 - rate.alpha();
            average = rate.alpha() * writesInBucket + keep * average;
            if (elapsed > 1) {
                average *= Math.pow(keep, elapsed - 1);
            }
            observedBuckets += elapsed;
            usualPerBucket = observedBuckets < MIN_HISTORY_BUCKETS
                    ? average
                    : average / (1 - Math.pow(keep, Math.min(observedBuckets, 1_000_000)));
            bucketStart += elapsed * rate.bucketNanos();
            writesInBucket = 0;
        }
        writesInBucket++;
        double limit = Math.max(rate.floor(), rate.factor() * usualPerBucket);
        return writesInBucket > limit ? writesInBucket : 0;
    }

    synchronized double usualPerBucket() {
        return usualPerBucket;
    }

    /** The times of the last {@code size} occurrences; a burst is a full ring spanning the window. */
    private static final class BurstRing {
        private final long[] times;
        private int next;
        private int filled;

        BurstRing(int size) {
            this.times = new long[size];
        }

        int size() {
            return times.length;
        }

        boolean record(long now, long windowNanos) {
            times[next] = now;
            next = (next + 1) % times.length;
            if (filled < times.length) {
                filled++;
            }
            // times[next] is now the oldest of the last size occurrences
            return filled == times.length && now - times[next] <= windowNanos;
        }
    }

    /** The write-rate thresholds in the units the state uses. */
    record WriteRateSettings(double factor, int floor, long bucketNanos, double alpha) {}
}
