package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.overview.OverviewViewModel.AbsorbedRow;
import dev.triage.console.overview.OverviewViewModel.Charts;
import dev.triage.console.overview.OverviewViewModel.DayRow;
import dev.triage.console.overview.OverviewViewModel.Rate;
import dev.triage.console.overview.OverviewViewModel.Status;
import dev.triage.core.metrics.FailuresAbsorbed;
import dev.triage.core.slo.BurnRateAlert;
import dev.triage.core.slo.ErrorBudget;
import dev.triage.core.slo.Slo;
import dev.triage.core.slo.SloTracker;
import dev.triage.core.slo.SuccessRow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The overview's arithmetic, off the UI thread: a {@link Snapshot} of core's metrics becomes one immutable
 * {@link State} (texts, rows, downsampled charts) that the ViewModel only copies into its properties.
 * Synchronized: the poll and a manual refresh may overlap.
 */
final class OverviewModel {

    static final int DAYS = 7;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Everything the overview shows after one snapshot. */
    record State(
            boolean live,
            String note,
            String stale,
            Rate lastMinute,
            Rate lastHour,
            Rate lastDay,
            String latency,
            String requestsPerSecond,
            Rate errorBudget,
            String burnRate,
            String alerts,
            List<DayRow> days,
            List<AbsorbedRow> absorbed,
            String absorbedNote,
            Charts charts) {}

    private final Slo slo;
    private final ZoneId zone;
    private Instant lastAt;
    private volatile Instant lastGood;

    OverviewModel(Slo slo, ZoneId zone) {
        this.slo = requireNonNull(slo, "slo");
        this.zone = requireNonNull(zone, "zone");
    }

    Slo slo() {
        return slo;
    }

    ZoneId zone() {
        return zone;
    }

    /** When the last current measurement was taken, or null. */
    Instant lastGood() {
        return lastGood;
    }

    /** Takes one snapshot; null when it is older than the last one (a late answer). */
    synchronized State next(Snapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        if (lastAt != null && snapshot.at().isBefore(lastAt)) {
            return null;
        }
        lastAt = snapshot.at();
        String stale;
        if (snapshot.stale().isEmpty()) {
            if (snapshot.newest() != null) {
                lastGood = snapshot.newest();
            }
            stale = snapshot.unreachable().isEmpty()
                    ? ""
                    : "no answer from " + String.join(", ", snapshot.unreachable());
        } else {
            stale = staleSince() + snapshot.stale();
        }
        String note = snapshot.note() + (snapshot.newest() == null ? "" : " · newest " + localTime(snapshot.newest()));
        List<AbsorbedRow> absorbed = absorbedRows(snapshot.absorbed());
        if (!snapshot.live()) {
            Rate none = noData();
            return new State(
                    false,
                    note,
                    stale,
                    none,
                    none,
                    none,
                    "-",
                    "-",
                    none,
                    "-",
                    "",
                    List.of(),
                    absorbed,
                    snapshot.absorbedNote(),
                    Charts.EMPTY);
        }
        SloTracker tracker = snapshot.tracker();
        Instant now = snapshot.at();
        ErrorBudget budget = tracker.errorBudget(now);
        return new State(
                true,
                note,
                stale,
                rate(tracker.successRate(now, Duration.ofMinutes(1)), slo),
                rate(tracker.successRate(now, Duration.ofHours(1)), slo),
                rate(tracker.successRate(now, Duration.ofDays(1)), slo),
                snapshot.p99Ms().isEmpty()
                        ? "no requests"
                        : "p50 " + millis(snapshot.p50Ms()) + " · p99 " + millis(snapshot.p99Ms()),
                String.format(Locale.ROOT, "%.1f/s", snapshot.requestsPerSecond()),
                new Rate(
                        String.format(Locale.ROOT, "%.0f%% left", 100 * budget.remainingFraction()),
                        budget.exhausted() ? Status.BELOW : Status.MEETS),
                String.format(
                        Locale.ROOT,
                        "%.1f× (1 h) · %.1f× (5 min)",
                        tracker.burnRate(now, Duration.ofHours(1)),
                        tracker.burnRate(now, Duration.ofMinutes(5))),
                alertText(tracker.alerts(now)),
                dayRows(
                        tracker.dailyTable(now, zone, Math.min(DAYS, Math.max(1, (int)
                                slo.window().toDays()))),
                        slo),
                absorbed,
                snapshot.absorbedNote(),
                charts(snapshot.history()));
    }

    /** "stale since 10:00:01: " (or "stale: " before any good measurement). */
    String staleSince() {
        Instant good = lastGood;
        return "stale" + (good == null ? "" : " since " + localTime(good)) + ": ";
    }

    private String localTime(Instant at) {
        return CLOCK_TIME.format(at.atZone(zone));
    }

    /**
     * The last hour, downsampled: however fine the history (3,600 seconds), each series holds at most
     * {@link OverviewViewModel#CHART_POINTS} points.
     */
    static Charts charts(Snapshot.History history) {
        int n = history.requests().length;
        float[] rps = new float[n];
        float[] success = new float[n];
        float[] p99 = new float[n];
        for (int i = 0; i < n; i++) {
            float requests = history.requests()[i];
            rps[i] = Float.isNaN(requests) ? Float.NaN : requests / history.stepSeconds();
            boolean traffic = requests > 0;
            success[i] = traffic ? 100f * Math.max(0, requests - history.failed()[i]) / requests : Float.NaN;
            p99[i] = traffic ? history.p99Ms()[i] : Float.NaN;
        }
        long from = history.fromEpochSecond();
        int step = history.stepSeconds();
        int max = OverviewViewModel.CHART_POINTS;
        return new Charts(
                Downsample.of(from, step, rps, Downsample.Aggregate.MIN_MAX, max),
                Downsample.of(from, step, success, Downsample.Aggregate.MIN, max),
                Downsample.of(from, step, p99, Downsample.Aggregate.MAX, max));
    }

    private static Rate rate(OptionalDouble rate, Slo slo) {
        if (rate.isEmpty()) {
            return noData();
        }
        return new Rate(
                percent(rate.getAsDouble()), rate.getAsDouble() >= slo.objective() ? Status.MEETS : Status.BELOW);
    }

    private static Rate noData() {
        return OverviewViewModel.noData();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    private static String millis(OptionalDouble ms) {
        double v = ms.orElse(0);
        return v >= 1000 ? String.format(Locale.ROOT, "%.1f s", v / 1000) : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String alertText(List<BurnRateAlert> alerts) {
        if (alerts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (BurnRateAlert alert : alerts) {
            parts.add(String.format(
                    Locale.ROOT,
                    "%s: burning the error budget %.1f× too fast (%s)",
                    alert.severity(),
                    alert.longBurnRate(),
                    alert.rule().name().toLowerCase(Locale.ROOT)));
        }
        return String.join("; ", parts);
    }

    /**
     * Past hour, past 24 hours, each day (today first, back to the oldest day with traffic), all
     * time.
     */
    static List<DayRow> dayRows(List<SuccessRow> table, Slo slo) {
        List<DayRow> spans = new ArrayList<>();
        List<DayRow> daily = new ArrayList<>();
        DayRow allTime = null;
        int oldestWithTraffic = 0;
        int day = 0;
        for (SuccessRow row : table) {
            if (isDay(row)) {
                if (row.total() > 0) {
                    oldestWithTraffic = day;
                }
                day++;
            }
        }
        day = 0;
        for (SuccessRow row : table) {
            DayRow view = dayRow(row, slo);
            switch (row.label()) {
                case SuccessRow.PAST_HOUR, SuccessRow.PAST_24_HOURS -> spans.add(view);
                case SuccessRow.ALL_TIME -> allTime = view;
                default -> {
                    if (day++ <= oldestWithTraffic) {
                        daily.add(view);
                    }
                }
            }
        }
        List<DayRow> rows = new ArrayList<>(spans);
        rows.addAll(daily);
        if (allTime != null) {
            rows.add(allTime);
        }
        return rows;
    }

    private static boolean isDay(SuccessRow row) {
        return !row.label().equals(SuccessRow.PAST_HOUR)
                && !row.label().equals(SuccessRow.PAST_24_HOURS)
                && !row.label().equals(SuccessRow.ALL_TIME);
    }

    private static DayRow dayRow(SuccessRow row, Slo slo) {
        Rate rate = rate(row.successRate(), slo);
        return new DayRow(row.label(), row.successful(), row.failed(), rate.text(), rate.status());
    }

    /** One row per target group of each agent: its upstream failures against what its clients saw. */
    private static List<AbsorbedRow> absorbedRows(List<FailuresAbsorbed> groups) {
        List<AbsorbedRow> rows = new ArrayList<>(groups.size());
        for (FailuresAbsorbed group : groups) {
            String kept = group.upstreamFailures() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.0f (%.0f%%)", group.absorbed(), 100 * group.absorbedRatio());
            rows.add(new AbsorbedRow(
                    group.agent(),
                    group.targetGroup(),
                    group.attempts(),
                    group.upstreamFailures(),
                    String.format(Locale.ROOT, "%.0f", group.clientFailures()),
                    kept));
        }
        return rows;
    }
}
