package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a long evenly spaced series (an hour of per-second values: 3,600 of them) into at most {@code
 * maxPoints} points for a chart, so that what reaches the scene graph stays small however long the console
 * runs and however fine the source is. Slots holding NaN (nothing measured) are skipped.
 */
public final class Downsample {

    /** How a bucket of consecutive values becomes drawn points. */
    public enum Aggregate {
        /** The lowest, one point a bucket: success rates (a dip must stay visible). */
        MIN,
        /** The highest, one point a bucket: latencies (a spike must stay visible). */
        MAX,
        /** The lowest and the highest, in the order they happened, two points a bucket: rates keep their shape. */
        MIN_MAX
    }

    /** One drawn point: seconds since the epoch and a value. */
    public record Point(long epochSecond, double value) {}

    private Downsample() {}

    /**
     * @param fromEpochSecond the time of {@code values[0]}
     * @param stepSeconds the time between two values
     * @param values the series, NaN where nothing was measured
     * @param maxPoints at most this many points come back (at least 2)
     */
    public static List<Point> of(
            long fromEpochSecond, int stepSeconds, float[] values, Aggregate aggregate, int maxPoints) {
        requireNonNull(values, "values");
        requireNonNull(aggregate, "aggregate");
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints: " + maxPoints + " (expected: at least 2)");
        }
        if (stepSeconds < 1) {
            throw new IllegalArgumentException("stepSeconds: " + stepSeconds + " (expected: at least 1)");
        }
        int buckets = aggregate == Aggregate.MIN_MAX ? maxPoints / 2 : maxPoints;
        int perBucket = Math.max(1, Math.ceilDiv(values.length, buckets));
        List<Point> out = new ArrayList<>(Math.min(values.length, maxPoints));
        for (int start = 0; start < values.length; start += perBucket) {
            int end = Math.min(values.length, start + perBucket);
            int low = -1;
            int high = -1;
            for (int i = start; i < end; i++) {
                float v = values[i];
                if (Float.isNaN(v)) {
                    continue;
                }
                if (low < 0 || v < values[low]) {
                    low = i;
                }
                if (high < 0 || v > values[high]) {
                    high = i;
                }
            }
            if (low < 0) {
                continue;
            }
            switch (aggregate) {
                case MIN -> out.add(point(fromEpochSecond, stepSeconds, values, low));
                case MAX -> out.add(point(fromEpochSecond, stepSeconds, values, high));
                case MIN_MAX -> {
                    int first = Math.min(low, high);
                    int second = Math.max(low, high);
                    out.add(point(fromEpochSecond, stepSeconds, values, first));
                    if (second != first) {
                        out.add(point(fromEpochSecond, stepSeconds, values, second));
                    }
                }
            }
        }
        return out;
    }

    private static Point point(long from, int step, float[] values, int i) {
        return new Point(from + (long) i * step, values[i]);
    }
}
