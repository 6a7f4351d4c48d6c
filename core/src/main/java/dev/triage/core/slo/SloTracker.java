package dev.triage.core.slo;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Tracks one service's requests against an {@link Slo}: success rate, error budget, burn rates and the
 * multi-window burn-rate alerts of the Google SRE workbook.
 *
 * <p>Feed it {@link RequestCounts} in any order and at any step that is a multiple or a divisor of the
 * resolution (agents report per second, CloudWatch per minute); time without counts is time without
 * traffic. Every query takes {@code now} and covers the buckets that start in {@code [now - window, now)},
 * so data newer than {@code now} is ignored and no clock is needed.
 *
 * <p>Memory: the fine tier holds {@code retention / resolution} buckets of 16 bytes (24 hours at 1 s:
 * 86,400 buckets, about 1.4 MB; at 60 s: 1,440 buckets, about 23 KB); the coarse tier holds quarter-hours
 * for the objective's window plus two days (30 days: 3,072 buckets, about 49 KB). A query sums at most one
 * bucket per resolution step of its window (86,400 additions for 24 hours at 1 s).
 *
 * <p>Counts older than the fine tier are kept at quarter-hour detail; counts older than the coarse tier
 * are kept only in the "All time" total. Windows reaching past the fine tier are exact to 15 minutes at
 * their older edge. Thread-safe: every method synchronizes on the tracker.
 */
public final class SloTracker {

    /** Default fine-tier retention: 24 hours, which covers every alert window and the "Past 24 hours" row. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    static final Duration MAX_RESOLUTION = Duration.ofMinutes(5);
    static final Duration MAX_RETENTION = Duration.ofDays(2);
    static final double BURN_RATE_TOLERANCE = 1e-9;

    private final Slo slo;
    private final Duration resolution;
    private final Duration retention;
    private final double errorBudgetFraction;
    private final TieredCounts counts;

    /** A tracker that keeps {@link #DEFAULT_RETENTION} at the given resolution. */
    public SloTracker(Slo slo, Duration resolution) {
        this(slo, resolution, DEFAULT_RETENTION);
    }

    /**
     * A tracker.
     *
     * @param slo the objective
     * @param resolution the fine buckets' width: whole seconds that divide 5 minutes (1 s, 10 s, 60 s, ...)
     * @param retention how long fine buckets are kept: a multiple of the resolution, from the longest alert
     *     window (6 hours) to 2 days
     */
    public SloTracker(Slo slo, Duration resolution, Duration retention) {
        this.slo = requireNonNull(slo, "slo");
        this.resolution = requireNonNull(resolution, "resolution");
        this.retention = requireNonNull(retention, "retention");
        checkResolutionAndRetention(resolution, retention);
        this.errorBudgetFraction = slo.errorBudgetFraction();
        Duration coarseRetention = (slo.window().compareTo(retention) > 0 ? slo.window() : retention).plusDays(2);
        this.counts = new TieredCounts(resolution, retention, coarseRetention);
    }

    public Slo slo() {
        return slo;
    }

    public Duration resolution() {
        return resolution;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Adds one bucket of counts. A step longer than the resolution is spread evenly over the resolution
     * buckets it covers; a shorter one adds to the bucket holding it. Counts older than the tiers hold
     * are kept at coarser detail (see the class comment), never dropped from "All time".
     *
     * @throws IllegalArgumentException when the step is longer than an hour, neither a multiple nor a
     *     divisor of the resolution, or the start is not on a boundary of the finer of the two
     */
    public synchronized void record(RequestCounts requestCounts) {
        counts.record(requireNonNull(requestCounts, "requestCounts"));
    }

    /** The share of requests that succeeded in the window ending at {@code now}; empty without traffic. */
    public synchronized OptionalDouble successRate(Instant now, Duration window) {
        Counts sum = window(now, window);
        return sum.total() == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) (sum.total() - sum.failed()) / sum.total());
    }

    /**
     * How fast the window ending at {@code now} spent the error budget: its error rate over
     * {@code 1 - objective}. 1 spends the budget exactly over the objective's window; 0 without traffic.
     */
    public synchronized double burnRate(Instant now, Duration window) {
        return window(now, window).errorRate() / errorBudgetFraction;
    }

    /** The error budget over the objective's window ending at {@code now}. */
    public synchronized ErrorBudget errorBudget(Instant now) {
        Counts sum = window(now, slo.window());
        return ErrorBudget.of(errorBudgetFraction, sum.total(), sum.failed());
    }

    /**
     * The burn-rate rules that fire at {@code now}: {@link BurnRateRule#FAST} (page) when the burn rate
     * reaches 14.4 over both 1 hour and 5 minutes, {@link BurnRateRule#SLOW} (ticket) when it reaches 6
     * over both 6 hours and 30 minutes. Fast first. Burn rates within one part in a billion below the
     * threshold count as reaching it, so that 14.4% errors against 99% fire despite binary rounding.
     */
    public synchronized List<BurnRateAlert> alerts(Instant now) {
        requireNonNull(now, "now");
        List<BurnRateAlert> alerts = new ArrayList<>(2);
        for (BurnRateRule rule : BurnRateRule.values()) {
            double longBurn = burnRate(now, rule.longWindow());
            double shortBurn = burnRate(now, rule.shortWindow());
            double threshold = rule.threshold() * (1 - BURN_RATE_TOLERANCE);
            if (longBurn >= threshold && shortBurn >= threshold) {
                alerts.add(new BurnRateAlert(
                        rule, rule.severity(), rule.longWindow(), longBurn, rule.shortWindow(), shortBurn, now));
            }
        }
        return List.copyOf(alerts);
    }

    /**
     * The overview's success table at {@code now}: one row per calendar day in {@code zone}, today first
     * and {@code days} rows in all (today counts up to {@code now}), then "Past hour", "Past 24 hours" and
     * "All time". Day rows are labelled with the ISO date ({@code 2026-11-22}).
     *
     * @param days how many days, from 1 to the objective's window in whole days (at least 1)
     */
    public synchronized List<SuccessRow> dailyTable(Instant now, ZoneId zone, int days) {
        requireNonNull(now, "now");
        requireNonNull(zone, "zone");
        long maxDays = Math.max(1, slo.window().toDays());
        if (days < 1 || days > maxDays) {
            throw new IllegalArgumentException("days: " + days + " (expected: 1.." + maxDays + ")");
        }
        List<SuccessRow> rows = new ArrayList<>(days + 3);
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int i = 0; i < days; i++) {
            LocalDate day = today.minusDays(i);
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            rows.add(row(day.toString(), counts.sum(start, end.isBefore(now) ? end : now)));
        }
        rows.add(row(SuccessRow.PAST_HOUR, window(now, Duration.ofHours(1))));
        rows.add(row(SuccessRow.PAST_24_HOURS, window(now, Duration.ofHours(24))));
        rows.add(row(SuccessRow.ALL_TIME, counts.allTime(now)));
        return List.copyOf(rows);
    }

    private Counts window(Instant now, Duration window) {
        requireNonNull(now, "now");
        requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
        }
        return counts.sum(now.minus(window), now);
    }

    private static SuccessRow row(String label, Counts sum) {
        return new SuccessRow(label, sum.total() - sum.failed(), sum.failed());
    }

    private static void checkResolutionAndRetention(Duration resolution, Duration retention) {
        List<String> problems = new ArrayList<>();
        boolean wholeSeconds = resolution.getNano() == 0 && resolution.getSeconds() >= 1;
        if (!wholeSeconds
                || resolution.compareTo(MAX_RESOLUTION) > 0
                || MAX_RESOLUTION.getSeconds() % resolution.getSeconds() != 0) {
            problems.add(
                    "resolution: " + resolution + " (expected: whole seconds that divide PT5M, e.g. PT1S or PT1M)");
        } else if (retention.toMillis() % resolution.toMillis() != 0) {
            problems.add("retention: " + retention + " (expected: a multiple of the resolution " + resolution + ")");
        }
        if (retention.compareTo(BurnRateRule.longestWindow()) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            problems.add("retention: " + retention + " (expected: " + BurnRateRule.longestWindow() + " to "
                    + MAX_RETENTION + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
