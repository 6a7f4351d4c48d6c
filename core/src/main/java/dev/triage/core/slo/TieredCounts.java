package dev.triage.core.slo;

import java.time.Duration;
import java.time.Instant;

/**
 * Request counts in two tiers: fine buckets at the tracker's resolution for the recent past (burn rates,
 * the past hour and day) and quarter-hour buckets for the objective's window (error budget, daily rows).
 *
 * <p>A span is summed from the buckets that <em>start</em> inside it. Spans that reach further back than
 * the fine tier use quarter-hour buckets for their older part, so their oldest edge is exact to 15
 * minutes; the newer part is exact to the resolution. Not thread-safe.
 */
final class TieredCounts {

    static final Duration COARSE_WIDTH = Duration.ofMinutes(15);
    static final Duration MAX_STEP = Duration.ofHours(1);

    private final Duration resolution;
    private final long resolutionMillis;
    private final BucketRing fine;
    private final BucketRing coarse;

    TieredCounts(Duration resolution, Duration fineRetention, Duration coarseRetention) {
        this.resolution = resolution;
        this.resolutionMillis = resolution.toMillis();
        this.fine = new BucketRing(resolutionMillis, Math.toIntExact(fineRetention.toMillis() / resolutionMillis));
        long coarseMillis = COARSE_WIDTH.toMillis();
        this.coarse =
                new BucketRing(coarseMillis, Math.toIntExact(Math.ceilDiv(coarseRetention.toMillis(), coarseMillis)));
    }

    /**
     * Adds one input bucket. Its step must be a multiple of the resolution (the counts are spread evenly
     * over the resolution buckets it covers, remainders to the earliest) or divide it (the counts go to
     * the one bucket holding it), and it must start on a boundary of the finer of the two.
     */
    void record(RequestCounts counts) {
        long stepMillis = checkedStepMillis(counts);
        long startMillis = checkedStartMillis(counts, Math.min(stepMillis, resolutionMillis));
        if (stepMillis <= resolutionMillis) {
            addToTiers(startMillis, counts.total(), counts.failed());
            return;
        }
        long parts = stepMillis / resolutionMillis;
        long totalEach = counts.total() / parts;
        long totalExtra = counts.total() % parts;
        long failedEach = counts.failed() / parts;
        long failedExtra = counts.failed() % parts;
        // failed <= total per part: equal quotients imply failedExtra <= totalExtra; otherwise
        // failedEach + 1 <= totalEach.
        for (long i = 0; i < parts; i++) {
            long total = totalEach + (i < totalExtra ? 1 : 0);
            long failed = failedEach + (i < failedExtra ? 1 : 0);
            if (total > 0) {
                addToTiers(startMillis + i * resolutionMillis, total, failed);
            }
        }
    }

    /** Sums the buckets that start in {@code [from, to)}. */
    Counts sum(Instant from, Instant to) {
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();
        if (fromMillis >= toMillis || fine.isEmpty()) {
            return Counts.ZERO;
        }
        long fineFrom = fine.oldestIndex() * resolutionMillis;
        if (fromMillis >= fineFrom) {
            return fineSum(fromMillis, toMillis);
        }
        long coarseWidth = coarse.widthMillis();
        long split = Math.ceilDiv(fineFrom, coarseWidth) * coarseWidth;
        Counts older = coarse.sum(
                coarse.firstIndexStartingAtOrAfter(fromMillis),
                coarse.firstIndexStartingAtOrAfter(Math.min(toMillis, split)));
        return toMillis <= split ? older : older.plus(fineSum(split, toMillis));
    }

    /** Everything recorded, except quarter-hours that start at or after {@code now}. */
    Counts allTime(Instant now) {
        if (coarse.isEmpty()) {
            return coarse.evicted();
        }
        long end = coarse.firstIndexStartingAtOrAfter(now.toEpochMilli());
        return coarse.evicted().plus(coarse.sum(Long.MIN_VALUE, end));
    }

    private Counts fineSum(long fromMillis, long toMillis) {
        return fine.sum(fine.firstIndexStartingAtOrAfter(fromMillis), fine.firstIndexStartingAtOrAfter(toMillis));
    }

    private void addToTiers(long startMillis, long total, long failed) {
        fine.add(fine.indexOf(startMillis), total, failed);
        coarse.add(coarse.indexOf(startMillis), total, failed);
    }

    private long checkedStepMillis(RequestCounts counts) {
        Duration step = counts.step();
        if (step.compareTo(MAX_STEP) > 0 || step.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "step: " + step + " (expected: whole milliseconds, at most " + MAX_STEP + ")");
        }
        long stepMillis = step.toMillis();
        boolean fits = stepMillis >= resolutionMillis
                ? stepMillis % resolutionMillis == 0
                : resolutionMillis % stepMillis == 0;
        if (!fits) {
            throw new IllegalArgumentException(
                    "step: " + step + " (expected: a multiple or a divisor of the resolution " + resolution + ")");
        }
        return stepMillis;
    }

    private static long checkedStartMillis(RequestCounts counts, long alignMillis) {
        Instant start = counts.start();
        long startMillis = start.toEpochMilli();
        if (start.getNano() % 1_000_000 != 0 || Math.floorMod(startMillis, alignMillis) != 0) {
            throw new IllegalArgumentException("start: " + start + " (expected: aligned to "
                    + Duration.ofMillis(alignMillis) + " since the epoch)");
        }
        return startMillis;
    }
}
