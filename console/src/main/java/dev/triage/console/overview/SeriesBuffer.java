package dev.triage.console.overview;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} points of one live series in a ring (fixed memory, however long the
 * console runs), and a downsampled copy for drawing: a chart of the last hour fed once a second
 * draws at most {@code maxPoints} points, so it stays smooth after 24 hours as after one minute.
 * Not thread-safe: owned by its ViewModel.
 */
public final class SeriesBuffer {

    /** How a bucket of points becomes one drawn point. */
    public enum Aggregate {
        /** The mean: rates. */
        MEAN,
        /** The lowest: success rates (a dip must stay visible). */
        MIN,
        /** The highest: latencies (a spike must stay visible). */
        MAX
    }

    /** One point: seconds since the epoch and a value. */
    public record Point(long epochSecond, double value) {}

    private final long[] times;
    private final double[] values;
    private final Aggregate aggregate;
    private int start;
    private int size;

    public SeriesBuffer(int capacity, Aggregate aggregate) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        this.times = new long[capacity];
        this.values = new double[capacity];
        this.aggregate = java.util.Objects.requireNonNull(aggregate, "aggregate");
    }

    /** Adds a point; the oldest falls out when full. Points must come in time order. */
    public void add(long epochSecond, double value) {
        int at = (start + size) % times.length;
        if (size == times.length) {
            start = (start + 1) % times.length;
        } else {
            size++;
        }
        times[at] = epochSecond;
        values[at] = value;
    }

    public int size() {
        return size;
    }

    /**
     * The points at or after {@code fromEpochSecond}, merged into at most {@code maxPoints} buckets
     * of consecutive points (each drawn at its bucket's last time).
     */
    public List<Point> downsample(long fromEpochSecond, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints: " + maxPoints + " (expected: at least 1)");
        }
        int first = 0;
        while (first < size && times[index(first)] < fromEpochSecond) {
            first++;
        }
        int count = size - first;
        List<Point> out = new ArrayList<>(Math.min(count, maxPoints));
        if (count == 0) {
            return out;
        }
        int perBucket = (count + maxPoints - 1) / maxPoints;
        for (int bucketStart = first; bucketStart < size; bucketStart += perBucket) {
            int end = Math.min(size, bucketStart + perBucket);
            double acc = values[index(bucketStart)];
            for (int i = bucketStart + 1; i < end; i++) {
                double v = values[index(i)];
                acc = switch (aggregate) {
                    case MEAN -> acc + v;
                    case MIN -> Math.min(acc, v);
                    case MAX -> Math.max(acc, v);
                };
            }
            if (aggregate == Aggregate.MEAN) {
                acc /= (end - bucketStart);
            }
            out.add(new Point(times[index(end - 1)], acc));
        }
        return out;
    }

    private int index(int i) {
        return (start + i) % times.length;
    }
}
