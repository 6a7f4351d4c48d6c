package dev.triage.lab.bench;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Popularity skew: item k (1-based) is drawn with probability proportional to 1/k^s. */
final class Zipf {

    private final double[] cumulative;

    Zipf(int items, double exponent) {
        if (items < 1) {
            throw new IllegalArgumentException("items: " + items + " (expected: 1 or more)");
        }
        cumulative = new double[items];
        double sum = 0;
        for (int k = 1; k <= items; k++) {
            sum += 1 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < items; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A 1-based item. */
    int next(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return (index >= 0 ? index : -index - 1) + 1;
    }
}
