package dev.triage.lab.hosp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded, lazily extended series of non-overlapping intervals [start, end) in profile seconds. The series
 * depends only on the seed and the generator, never on when or how often it is asked.
 */
final class Schedule {
    /** Produces the next interval after the previous one ended; returns {start, end}. */
    interface Generator {
        double[] next(double previousEnd, boolean first, SplittableRandom random);
    }

    private static final Schedule NEVER = new Schedule(null, null);

    private final Generator generator;
    private final SplittableRandom random;
    private double[] starts = new double[16];
    private double[] ends = new double[16];
    private int size;

    private Schedule(Generator generator, SplittableRandom random) {
        this.generator = generator;
        this.random = random;
    }

    static Schedule of(Generator generator, SplittableRandom random) {
        return new Schedule(generator, random);
    }

    static Schedule never() {
        return NEVER;
    }

    synchronized boolean contains(double t) {
        int i = indexAtOrBefore(t);
        return i >= 0 && t < ends[i];
    }

    /** The first interval start or end strictly after t; +infinity for a schedule that never happens. */
    synchronized double nextBoundaryAfter(double t) {
        int i = indexAtOrBefore(t);
        if (i >= 0 && t < ends[i]) {
            return ends[i];
        }
        return generator == null ? Double.POSITIVE_INFINITY : starts[i + 1];
    }

    /** How many intervals started at or before t. */
    synchronized int startedBy(double t) {
        return indexAtOrBefore(t) + 1;
    }

    private int indexAtOrBefore(double t) {
        if (generator == null) {
            return -1;
        }
        extendBeyond(t);
        int i = Arrays.binarySearch(starts, 0, size, t);
        return i >= 0 ? i : -i - 2;
    }

    private void extendBeyond(double t) {
        while (size == 0 || starts[size - 1] <= t) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            double previousEnd = size == 0 ? 0 : ends[size - 1];
            double[] next = generator.next(previousEnd, size == 0, random);
            starts[size] = Math.max(next[0], previousEnd);
            ends[size] = Math.max(next[1], starts[size]);
            size++;
        }
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
