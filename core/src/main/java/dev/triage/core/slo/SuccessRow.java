package dev.triage.core.slo;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * One row of the overview's success table: a day ({@code 2026-11-22}) or a span ("Past hour").
 *
 * @param label what the row counts, for people
 * @param successful requests that succeeded
 * @param failed requests that failed
 */
public record SuccessRow(String label, long successful, long failed) {

    public static final String PAST_HOUR = "Past hour";
    public static final String PAST_24_HOURS = "Past 24 hours";
    public static final String ALL_TIME = "All time";

    public SuccessRow {
        requireNonNull(label, "label");
        if (successful < 0 || failed < 0) {
            throw new IllegalArgumentException(
                    "successful: " + successful + ", failed: " + failed + " (expected: >= 0)");
        }
    }

    public long total() {
        return successful + failed;
    }

    /** The share of requests that succeeded; empty when there were none. */
    public OptionalDouble successRate() {
        long total = total();
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) successful / total);
    }
}
