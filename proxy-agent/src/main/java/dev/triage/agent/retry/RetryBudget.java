package dev.triage.agent.retry;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.RetryPolicy;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A route's budget for retries and hedges, so that extra attempts cannot become a storm.
 *
 * <p>Requests and retries are counted in a sliding window of {@value #BUCKETS} one-second buckets. A
 * retry (or hedge) is allowed when either
 *
 * <ul>
 *   <li>retries in the window {@literal <} {@code ratio} x requests in the window, or
 *   <li>retries in the current second {@literal <} {@code minPerSecond} (the floor, so a quiet route can
 *       still retry; it is per second, so a burst of failures cannot spend ten seconds of floor at once).
 * </ul>
 *
 * <p>Lock-free: each bucket is one {@code long} packing the second it counts (high 32 bits, seconds
 * since the budget was made) and its count (low 32 bits), updated by compare-and-set; a bucket left
 * over from an older second reads as zero and is reset by the first write of its new second. The
 * ratio check reads the window without a lock, so concurrent retries may overshoot it by the number
 * of racing threads; the per-second floor is exact.
 */
public final class RetryBudget {

    static final int BUCKETS = 10;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final double ratio;
    private final int minPerSecond;
    private final LongSupplier nanoClock;
    private final long origin;
    private final AtomicLongArray requests = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);

    public RetryBudget(RetryPolicy.Budget budget, LongSupplier nanoClock) {
        requireNonNull(budget, "budget");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        if (!(budget.ratio() >= 0)) {
            throw new IllegalArgumentException("budget.ratio: " + budget.ratio() + " (expected: >= 0)");
        }
        if (budget.minPerSecond() < 0) {
            throw new IllegalArgumentException("budget.minPerSecond: " + budget.minPerSecond() + " (expected: >= 0)");
        }
        this.ratio = budget.ratio();
        this.minPerSecond = budget.minPerSecond();
        this.origin = nanoClock.getAsLong();
        // Second 0 is the budget's first second: stamp every bucket with an impossible second so that
        // an untouched bucket never counts.
        for (int i = 0; i < BUCKETS; i++) {
            requests.set(i, pack(-BUCKETS, 0));
            retries.set(i, pack(-BUCKETS, 0));
        }
    }

    /** A budget on the monotonic clock. */
    public static RetryBudget of(RetryPolicy.Budget budget) {
        return new RetryBudget(budget, System::nanoTime);
    }

    /** Counts one client request (not its retries or hedges). */
    public void recordRequest() {
        increment(requests, second());
    }

    /** Takes one retry or hedge from the budget; false (and nothing taken) when the budget is spent. */
    public boolean tryAcquire() {
        long second = second();
        int index = index(second);
        double allowedByRatio = ratio * sum(requests, second);
        long retriesInWindow = sum(retries, second);
        while (true) {
            long packed = retries.get(index);
            if (secondOf(packed) > second) {
                // This thread stalled for a whole window: count the retry in the second it is now.
                return tryAcquire();
            }
            long inSecond = countIn(packed, second);
            if (retriesInWindow >= allowedByRatio && inSecond >= minPerSecond) {
                return false;
            }
            if (retries.compareAndSet(index, packed, pack(second, inSecond + 1))) {
                return true;
            }
            retriesInWindow = sum(retries, second);
        }
    }

    /** Requests counted in the window now; for tests and metrics. */
    long requestsInWindow() {
        return sum(requests, second());
    }

    /** Retries and hedges taken in the window now; for tests and metrics. */
    long retriesInWindow() {
        return sum(retries, second());
    }

    private long second() {
        return Math.floorDiv(nanoClock.getAsLong() - origin, NANOS_PER_SECOND);
    }

    private static void increment(AtomicLongArray buckets, long second) {
        int index = index(second);
        while (true) {
            long packed = buckets.get(index);
            if (secondOf(packed) > second) {
                return; // stalled for a whole window: the count belongs to a second already gone
            }
            if (buckets.compareAndSet(index, packed, pack(second, countIn(packed, second) + 1))) {
                return;
            }
        }
    }

    private static long sum(AtomicLongArray buckets, long second) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long packed = buckets.get(i);
            long age = second - secondOf(packed);
            if (age >= 0 && age < BUCKETS) {
                total += packed & COUNT_MASK;
            }
        }
        return total;
    }

    private static long countIn(long packed, long second) {
        return secondOf(packed) == second ? packed & COUNT_MASK : 0;
    }

    private static int index(long second) {
        return (int) Math.floorMod(second, (long) BUCKETS);
    }

    private static long secondOf(long packed) {
        return packed >> 32;
    }

    private static long pack(long second, long count) {
        return (second << 32) | Math.min(count, COUNT_MASK);
    }
}
