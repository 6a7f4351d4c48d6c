package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The overview's state: success rate against the SLO over the last minute, hour and day, latency,
 * requests per second, error budget and burn rate, the per-day table, "failures absorbed" and the
 * last hour's charts. Fed one {@link Reading} at a time (polled once a second through {@link
 * Tasks}); knows no Node, so it is tested without starting JavaFX.
 */
public final class OverviewViewModel {

    /** How often the source is read. */
    public static final Duration POLL = Duration.ofSeconds(1);

    /** Charts show the last hour at most this many points per series. */
    public static final int CHART_POINTS = 240;

    static final Duration CHART_SPAN = Duration.ofHours(1);
    static final Duration RPS_WINDOW = Duration.ofSeconds(10);
    static final int DAYS = 7;

    /** How a number compares with the objective, for its colour. */
    public enum Status {
        NO_DATA,
        MEETS,
        BELOW
    }

    /** A success rate over a window, in words and against the SLO. */
    public record Rate(String text, Status status) {}

    /** A row of the per-day table. */
    public record DayRow(String label, long successful, long failed, String rate, Status status) {}

    /** A row of "failures absorbed": upstream failures against what the agent's clients saw. */
    public record AbsorbedRow(
            String agent, String group, long attempts, long upstreamFailures, String clientFailures, String absorbed) {}

    private final LiveSource source;
    private final Tasks tasks;
    private final SloTracker tracker;
    private final ZoneId zone;

    private final ObjectProperty<Rate> lastMinute = new SimpleObjectProperty<>(noData());
    private final ObjectProperty<Rate> lastHour = new SimpleObjectProperty<>(noData());
    private final ObjectProperty<Rate> lastDay = new SimpleObjectProperty<>(noData());
    private final StringProperty latency = new SimpleStringProperty("-");
    private final StringProperty requestsPerSecond = new SimpleStringProperty("-");
    private final ObjectProperty<Rate> errorBudget = new SimpleObjectProperty<>(noData());
    private final StringProperty burnRate = new SimpleStringProperty("-");
    private final StringProperty alerts = new SimpleStringProperty("");
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final StringProperty stale = new SimpleStringProperty("");
    private final ObservableList<DayRow> days = FXCollections.observableArrayList();
    private final ObservableList<AbsorbedRow> absorbed = FXCollections.observableArrayList();
    private final ObjectProperty<Charts> charts = new SimpleObjectProperty<>(Charts.EMPTY);

    private final SeriesBuffer rpsSeries = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MEAN);
    private final SeriesBuffer successSeries = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MIN);
    private final SeriesBuffer p99Series = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MAX);
    private final Deque<Reading> recent = new ArrayDeque<>();
    private final Map<String, Long> baseline = new HashMap<>();
    private Reading previous;
    private Instant lastGood;
    private Tasks.Handle polling;

    public OverviewViewModel(LiveSource source, Tasks tasks, Slo slo, ZoneId zone) {
        this.source = requireNonNull(source, "source");
        this.tasks = requireNonNull(tasks, "tasks");
        this.tracker = new SloTracker(requireNonNull(slo, "slo"), Duration.ofSeconds(1));
        this.zone = requireNonNull(zone, "zone");
    }

    /** The last hour's series, downsampled for drawing. */
    public record Charts(
            List<SeriesBuffer.Point> requestsPerSecond,
            List<SeriesBuffer.Point> successPercent,
            List<SeriesBuffer.Point> p99Ms) {
        static final Charts EMPTY = new Charts(List.of(), List.of(), List.of());
    }

    /** Starts reading the source once a second. */
    public void start() {
        if (polling == null) {
            polling = tasks.every("overview poll", POLL, source::read, this::accept, this::failed);
        }
    }

    /** Reads once now (tests, and the refresh shortcut). */
    public void refresh() {
        tasks.run("overview read", source::read, this::accept, this::failed);
    }

    public void stop() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
    }

    /** Takes one reading: counts since the previous one go to the SLO tracker, then every view value is updated. */
    void accept(Reading reading) {
        requireNonNull(reading, "reading");
        if (previous != null && reading.at().isBefore(previous.at())) {
            return;
        }
        lastGood = reading.at();
        stale.set(reading.unreachable().isEmpty() ? "" : "no answer from " + String.join(", ", reading.unreachable()));
        Instant second = reading.at().truncatedTo(ChronoUnit.SECONDS);
        Instant now = second.plusSeconds(1);
        if (previous != null) {
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
            live.set(true);
        }
        recent.addLast(reading);
        while (recent.size() > 2
                && Duration.between(recent.peekFirst().at(), reading.at()).compareTo(RPS_WINDOW) > 0) {
            recent.removeFirst();
        }
        previous = reading;
        absorbed.setAll(absorbedRows(reading)); // the first reading is the baseline
        if (!live.get()) {
            return;
        }
        Slo slo = tracker.slo();
        lastMinute.set(rate(tracker.successRate(now, Duration.ofMinutes(1)), slo));
        lastHour.set(rate(tracker.successRate(now, Duration.ofHours(1)), slo));
        lastDay.set(rate(tracker.successRate(now, Duration.ofDays(1)), slo));
        latency.set(String.format(
                Locale.ROOT,
                "p50 %s · p99 %s",
                millis(reading.front().p50Ms()),
                millis(reading.front().p99Ms())));
        requestsPerSecond.set(String.format(Locale.ROOT, "%.1f/s", rps()));
        ErrorBudget budget = tracker.errorBudget(now);
        errorBudget.set(new Rate(
                String.format(Locale.ROOT, "%.0f%% left", 100 * budget.remainingFraction()),
                budget.exhausted() ? Status.BELOW : Status.MEETS));
        burnRate.set(String.format(
                Locale.ROOT,
                "%.1f× (1 h) · %.1f× (5 min)",
                tracker.burnRate(now, Duration.ofHours(1)),
                tracker.burnRate(now, Duration.ofMinutes(5))));
        alerts.set(alertText(tracker.alerts(now)));
        days.setAll(dayRows(tracker.dailyTable(now, zone, DAYS), slo));
        long from = now.minus(CHART_SPAN).getEpochSecond();
        charts.set(new Charts(
                rpsSeries.downsample(from, CHART_POINTS),
                successSeries.downsample(from, CHART_POINTS),
                p99Series.downsample(from, CHART_POINTS)));
    }

    void failed(Throwable failure) {
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        stale.set("stale"
                + (lastGood == null
                        ? ""
                        : " since " + lastGood.atZone(zone).toLocalTime().withNano(0))
                + ": the load balancer's agent did not answer (" + why + ")");
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
        return new Rate("no traffic", Status.NO_DATA);
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

    public ReadOnlyObjectProperty<Rate> lastMinuteProperty() {
        return lastMinute;
    }

    public ReadOnlyObjectProperty<Rate> lastHourProperty() {
        return lastHour;
    }

    public ReadOnlyObjectProperty<Rate> lastDayProperty() {
        return lastDay;
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency;
    }

    public ReadOnlyStringProperty requestsPerSecondProperty() {
        return requestsPerSecond;
    }

    public ReadOnlyObjectProperty<Rate> errorBudgetProperty() {
        return errorBudget;
    }

    public ReadOnlyStringProperty burnRateProperty() {
        return burnRate;
    }

    public ReadOnlyStringProperty alertsProperty() {
        return alerts;
    }

    /** True once a second reading gave the first numbers. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live;
    }

    /** Empty while the source answers; otherwise why the numbers are stale, in words. */
    public ReadOnlyStringProperty staleProperty() {
        return stale;
    }

    public ObservableList<DayRow> days() {
        return days;
    }

    public ObservableList<AbsorbedRow> absorbed() {
        return absorbed;
    }

    public ReadOnlyObjectProperty<Charts> chartsProperty() {
        return charts;
    }

    public String sloText() {
        Slo slo = tracker.slo();
        return "SLO " + percent(slo.objective()) + " of requests succeed over "
                + slo.window().toDays() + " days";
    }
}
