package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.overview.OverviewViewModel.AbsorbedRow;
import dev.triage.console.overview.OverviewViewModel.Charts;
import dev.triage.console.overview.OverviewViewModel.DayRow;
import dev.triage.console.overview.OverviewViewModel.Rate;
import dev.triage.console.overview.OverviewViewModel.Status;
import dev.triage.core.slo.BurnRateAlert;
import dev.triage.core.slo.ErrorBudget;
import dev.triage.core.slo.RequestCounts;
import dev.triage.core.slo.Slo;
import dev.triage.core.slo.SloTracker;
import dev.triage.core.slo.SuccessRow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The overview's arithmetic, off the UI thread: each reading's counts since the previous one go
 * to the SLO tracker and the chart buffers, and everything the screen shows is computed into one
 * immutable {@link State} that the ViewModel only copies into its properties. Synchronized: the
 * poll and a manual refresh may overlap.
 */
final class OverviewModel {

    static final Duration CHART_SPAN = Duration.ofHours(1);
    static final Duration RPS_WINDOW = Duration.ofSeconds(10);
    static final int DAYS = 7;

    /** Everything the overview shows after one reading. */
    record State(
            boolean live,
            String unreachable,
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
            Charts charts) {}

    private final SloTracker tracker;
    private final ZoneId zone;
    private final SeriesBuffer rpsSeries = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MEAN);
    private final SeriesBuffer successSeries = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MIN);
    private final SeriesBuffer p99Series = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MAX);
    private final Deque<Reading> recent = new ArrayDeque<>();
    private final Map<String, Long> baseline = new HashMap<>();
    private Reading previous;
    private volatile Instant lastGood;

    OverviewModel(Slo slo, ZoneId zone) {
        this.tracker = new SloTracker(requireNonNull(slo, "slo"), Duration.ofSeconds(1));
        this.zone = requireNonNull(zone, "zone");
    }

    Slo slo() {
        return tracker.slo();
    }

    ZoneId zone() {
        return zone;
    }

    /** When the last reading arrived, or null. */
    Instant lastGood() {
        return lastGood;
    }

    /** Takes one reading; null when it is older than the last one (a late answer). */
    synchronized State next(Reading reading) {
        requireNonNull(reading, "reading");
        if (previous != null && reading.at().isBefore(previous.at())) {
            return null;
        }
        lastGood = reading.at();
        Instant second = reading.at().truncatedTo(ChronoUnit.SECONDS);
        Instant now = second.plusSeconds(1);
        boolean live = previous != null;
        if (live) {
            long total = delta(reading.front().requests(), previous.front().requests());
            long failed = Math.min(
                    total, delta(reading.front().failed(), previous.front().failed()));
            tracker.record(new RequestCounts(second, Duration.ofSeconds(1), total, failed));
            double seconds = Math.max(
                    0.001, Duration.between(previous.at(), reading.at()).toMillis() / 1000.0);
            rpsSeries.add(second.getEpochSecond(), total / seconds);
            if (total > 0) {
                successSeries.add(second.getEpochSecond(), 100.0 * (total - failed) / total);
            }
            p99Series.add(second.getEpochSecond(), reading.front().p99Ms());
        }
        recent.addLast(reading);
        while (recent.size() > 2
                && Duration.between(recent.peekFirst().at(), reading.at()).compareTo(RPS_WINDOW) > 0) {
            recent.removeFirst();
        }
        previous = reading;
        String unreachable =
                reading.unreachable().isEmpty() ? "" : "no answer from " + String.join(", ", reading.unreachable());
        List<AbsorbedRow> absorbed = absorbedRows(reading); // the first reading is the baseline
        if (!live) {
            Rate none = noData();
            return new State(
                    false, unreachable, none, none, none, "-", "-", none, "-", "", List.of(), absorbed, Charts.EMPTY);
        }
        Slo slo = tracker.slo();
        ErrorBudget budget = tracker.errorBudget(now);
        long from = now.minus(CHART_SPAN).getEpochSecond();
        return new State(
                true,
                unreachable,
                rate(tracker.successRate(now, Duration.ofMinutes(1)), slo),
                rate(tracker.successRate(now, Duration.ofHours(1)), slo),
                rate(tracker.successRate(now, Duration.ofDays(1)), slo),
                String.format(
                        Locale.ROOT,
                        "p50 %s · p99 %s",
                        millis(reading.front().p50Ms()),
                        millis(reading.front().p99Ms())),
                String.format(Locale.ROOT, "%.1f/s", rps()),
                new Rate(
                        String.format(Locale.ROOT, "%.0f%% left", 100 * budget.remainingFraction()),
                        budget.exhausted() ? Status.BELOW : Status.MEETS),
                String.format(
                        Locale.ROOT,
                        "%.1f× (1 h) · %.1f× (5 min)",
                        tracker.burnRate(now, Duration.ofHours(1)),
                        tracker.burnRate(now, Duration.ofMinutes(5))),
                alertText(tracker.alerts(now)),
                dayRows(tracker.dailyTable(now, zone, DAYS), slo),
                absorbed,
                new Charts(
                        rpsSeries.downsample(from, OverviewViewModel.CHART_POINTS),
                        successSeries.downsample(from, OverviewViewModel.CHART_POINTS),
                        p99Series.downsample(from, OverviewViewModel.CHART_POINTS)));
    }

    private double rps() {
        Reading first = recent.peekFirst();
        Reading last = recent.peekLast();
        if (first == null || first == last) {
            return 0;
        }
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : delta(last.front().requests(), first.front().requests()) / seconds;
    }

    /** Counters only grow; a smaller value means the source restarted and counts from zero. */
    private static long delta(long now, long before) {
        return now >= before ? now - before : now;
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

    private static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
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
            boolean isDay = !row.label().equals(SuccessRow.PAST_HOUR)
                    && !row.label().equals(SuccessRow.PAST_24_HOURS)
                    && !row.label().equals(SuccessRow.ALL_TIME);
            if (isDay) {
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

    private static DayRow dayRow(SuccessRow row, Slo slo) {
        Rate rate = rate(row.successRate(), slo);
        return new DayRow(row.label(), row.successful(), row.failed(), rate.text(), rate.status());
    }

    /**
     * Since the console started watching: an agent with one target group gets one row with what
     * its clients saw; an agent with several gets a row per group (upstream failures only, since
     * its clients' failures cannot be told apart by group) and a row for all its groups.
     */
    private List<AbsorbedRow> absorbedRows(Reading reading) {
        List<AbsorbedRow> rows = new ArrayList<>();
        for (Reading.AgentFailures agent : reading.agents()) {
            long client = since(agent.agent() + "/client", agent.clientFailures());
            long attempts = 0;
            long upstream = 0;
            for (Reading.GroupFailures group : agent.groups()) {
                long groupAttempts = since(agent.agent() + "/" + group.group() + "/attempts", group.attempts());
                long groupFailures = since(agent.agent() + "/" + group.group() + "/failed", group.failedAttempts());
                attempts += groupAttempts;
                upstream += groupFailures;
                if (agent.groups().size() > 1) {
                    rows.add(new AbsorbedRow(agent.agent(), group.group(), groupAttempts, groupFailures, "-", "-"));
                }
            }
            String group =
                    agent.groups().size() == 1 ? agent.groups().getFirst().group() : "all groups";
            rows.add(new AbsorbedRow(
                    agent.agent(), group, attempts, upstream, Long.toString(client), absorbed(upstream, client)));
        }
        return rows;
    }

    private static String absorbed(long upstream, long client) {
        if (upstream == 0) {
            return "-";
        }
        long kept = Math.max(0, upstream - client);
        return String.format(Locale.ROOT, "%d (%.0f%%)", kept, 100.0 * kept / upstream);
    }

    private long since(String key, long value) {
        Long first = baseline.putIfAbsent(key, value);
        return first == null ? 0 : delta(value, first);
    }
}
