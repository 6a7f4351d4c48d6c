package dev.triage.agent.metrics;

import dev.triage.agent.api.stats.LatencyStats;
import dev.triage.agent.api.stats.Percentiles;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency percentiles over sliding windows of 10 s, 1 min and 5 min, and since start.
 *
 * <p>Method: samples go into an HdrHistogram {@link Recorder} (wait-free for the recording threads).
 * Once per second of the injected clock the recorder's interval histogram is moved into a ring of ten
 * one-second slots and added to an accumulator of the current ten seconds; each ten seconds the
 * accumulator moves into a ring of thirty ten-second slots. The 10 s window is the sum of the
 * one-second ring; the 1 min and 5 min windows are the current accumulator plus the last five or
 * twenty-nine ten-second slots; every window and the since-start total also hold the samples of
 * the open second, drained from the recorder at read time. Rotation happens lazily on record and on read, so an idle agent costs
 * nothing and tests drive it with a fake clock. Values are microseconds, two significant digits,
 * clamped at ten minutes: about 12 KB per slot, 41 slots per series.
 */
final class LatencyWindows {

    static final long MAX_MICROS = 600_000_000L;
    private static final int DIGITS = 2;
    private static final long SECOND = 1_000_000_000L;
    private static final int SECONDS = 10;
    private static final int TENS = 30;

    private final LongSupplier nanoClock;
    private final Recorder recorder = new Recorder(1, MAX_MICROS, DIGITS);
    private final Histogram[] seconds = new Histogram[SECONDS];
    private final Histogram[] tens = new Histogram[TENS];
    private final Histogram currentTen = histogram();
    private final Histogram total = histogram();
    /** Samples of the open second already drained from the recorder (by a read). */
    private final Histogram pending = histogram();

    private Histogram recycled;
    private long second;
    private volatile long nextRotationNanos;

    LatencyWindows(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        for (int i = 0; i < SECONDS; i++) {
            seconds[i] = histogram();
        }
        for (int i = 0; i < TENS; i++) {
            tens[i] = histogram();
        }
        this.nextRotationNanos = nanoClock.getAsLong() + SECOND;
    }

    void record(long nanos) {
        if (nanoClock.getAsLong() - nextRotationNanos >= 0) {
            rotate();
        }
        recorder.recordValue(Math.clamp(nanos / 1_000, 1, MAX_MICROS));
    }

    synchronized LatencyStats snapshot() {
        rotate();
        drain();
        Histogram last10s = histogram();
        last10s.add(pending);
        for (Histogram slot : seconds) {
            last10s.add(slot);
        }
        Histogram sinceStart = total.copy();
        sinceStart.add(pending);
        return new LatencyStats(
                percentiles(last10s), percentiles(window(5)), percentiles(window(TENS - 1)), percentiles(sinceStart));
    }

    private Histogram window(int closedTens) {
        Histogram sum = histogram();
        sum.add(currentTen);
        sum.add(pending);
        long currentIndex = second / SECONDS;
        for (int i = 1; i <= closedTens; i++) {
            sum.add(tens[(int) Math.floorMod(currentIndex - i, TENS)]);
        }
        return sum;
    }

    /** Closes every whole second that has passed; a long idle spell clears the rings at most once. */
    synchronized void rotate() {
        long late = nanoClock.getAsLong() - nextRotationNanos;
        if (late < 0) {
            return;
        }
        long due = late / SECOND + 1;
        drain();
        closeSecond(pending);
        pending.reset();
        long empties = Math.min(due - 1, (long) SECONDS * TENS);
        for (long i = 0; i < empties; i++) {
            closeSecond(null);
        }
        nextRotationNanos += due * SECOND;
    }

    private void drain() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        pending.add(interval);
        recycled = interval;
    }

    private void closeSecond(Histogram interval) {
        Histogram slot = seconds[(int) (second % SECONDS)];
        slot.reset();
        if (interval != null) {
            total.add(interval);
            slot.add(interval);
            currentTen.add(interval);
        }
        second++;
        if (second % SECONDS == 0) {
            Histogram ten = tens[(int) ((second / SECONDS - 1) % TENS)];
            ten.reset();
            ten.add(currentTen);
            currentTen.reset();
        }
    }

    private static Percentiles percentiles(Histogram histogram) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return Percentiles.EMPTY;
        }
        return new Percentiles(
                count,
                histogram.getMean() / 1000.0,
                millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static Histogram histogram() {
        return new Histogram(1, MAX_MICROS, DIGITS);
    }
}
