package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.slo.Slo;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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
 * last hour's charts. Fed one {@link Snapshot} of core's metrics at a time (polled every {@link
 * LiveSource#every()} through {@link Tasks}: a second on the lab, a minute on AWS) from the one of the
 * connection's {@link LiveSources} chosen (on AWS: which load balancer); knows no Node, so it is tested
 * without starting JavaFX.
 */
public final class OverviewViewModel {

    /** Charts show the last hour in at most this many points per series, however long the console runs. */
    public static final int CHART_POINTS = 240;

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

    private final LiveSources sources;
    private final Tasks tasks;
    private final ZoneId zone;
    private final String preferred;

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
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty absorbedNote = new SimpleStringProperty("");
    private final StringProperty sloText = new SimpleStringProperty(sloText(Slo.DEFAULT));
    private final ObservableList<DayRow> days = FXCollections.observableArrayList();
    private final ObservableList<AbsorbedRow> absorbed = FXCollections.observableArrayList();
    private final ObjectProperty<Charts> charts = new SimpleObjectProperty<>(Charts.EMPTY);
    private final ObservableList<LiveSources.Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<LiveSources.Choice> chosen = new SimpleObjectProperty<>();

    // UI thread only: the source shown, and the opening under way (a late answer of either is dropped)
    private Current current;
    private Object opening;
    private boolean started;
    private Tasks.Handle polling;

    /** The source shown and the arithmetic over its snapshots: a new one on every switch. */
    private record Current(LiveSources.Choice choice, LiveSource source, OverviewModel model) {}

    /** What opening a source found: the choices, the one opened (null: none), its first state or failure. */
    private record Opened(
            List<LiveSources.Choice> choices, Current current, OverviewModel.State first, Throwable failure) {}

    /**
     * @param preferred the key of the source to show first when it is offered (the one last chosen for this
     *     profile); else the first offered
     */
    public OverviewViewModel(LiveSources sources, Tasks tasks, ZoneId zone, Optional<String> preferred) {
        this.sources = requireNonNull(sources, "sources");
        this.tasks = requireNonNull(tasks, "tasks");
        this.zone = requireNonNull(zone, "zone");
        this.preferred = requireNonNull(preferred, "preferred").orElse(null);
    }

    /** The overview of one source (tests, the benchmark): {@link LiveSources#of} it. */
    public OverviewViewModel(LiveSource source, Tasks tasks, ZoneId zone) {
        this(LiveSources.of(source, source.who()), tasks, zone, Optional.empty());
    }

    static Rate noData() {
        return new Rate("no traffic", Status.NO_DATA);
    }

    /** The last hour's series, downsampled for drawing. */
    public record Charts(
            List<Downsample.Point> requestsPerSecond,
            List<Downsample.Point> successPercent,
            List<Downsample.Point> p99Ms) {
        static final Charts EMPTY = new Charts(List.of(), List.of(), List.of());
    }

    /**
     * Lists the sources and opens the preferred one (or the first) off the UI thread, then reads it every
     * {@link LiveSource#every()}.
     */
    public void start() {
        if (!started) {
            started = true;
            if (current != null) {
                poll(current, Duration.ZERO);
            } else if (opening == null) {
                open(null);
            }
        }
    }

    /**
     * Shows {@code choice} instead of the current source: stops polling the old one, drops whatever it still
     * answers, clears the numbers (the new source's SLO history is its own), and opens the new one off the UI
     * thread; its first reading shows when it comes.
     */
    public void choose(LiveSources.Choice choice) {
        requireNonNull(choice, "choice");
        if (current != null && current.choice().equals(choice) && opening == null) {
            return;
        }
        open(choice);
    }

    /** Reads once now (tests, and the refresh shortcut); opens the source first when none is open yet. */
    public void refresh() {
        Current reading = current;
        if (reading == null) {
            if (opening == null) {
                open(null);
            }
            return;
        }
        tasks.run("overview read", () -> read(reading), state -> showIfCurrent(reading, state), failure -> {
            if (reading == current) {
                failed(failure);
            }
        });
    }

    private void open(LiveSources.Choice choice) {
        stopPolling();
        Object token = new Object();
        opening = token;
        current = null;
        clear();
        if (choice != null) {
            chosen.set(choice);
            stale.set("loading " + choice.label() + " ...");
            note.set(choice.label() + ": waiting for its first reading");
        }
        tasks.run(
                "overview open",
                () -> opened(choice),
                result -> {
                    if (opening == token) {
                        opening = null;
                        show(result);
                    }
                },
                failure -> {
                    if (opening == token) {
                        opening = null;
                        stale.set("could not open " + (choice == null ? "the overview" : choice.label()) + ": "
                                + why(failure));
                    }
                });
    }

    /** Off the UI thread: lists, opens the choice (or the preferred, or the first) and reads it once. */
    private Opened opened(LiveSources.Choice choice) throws Exception {
        List<LiveSources.Choice> offered = List.copyOf(sources.choices());
        LiveSources.Choice pick = choice;
        if (pick == null) {
            pick = offered.stream()
                    .filter(c -> c.key().equals(preferred))
                    .findFirst()
                    .orElse(offered.isEmpty() ? null : offered.getFirst());
        }
        if (pick == null) {
            return new Opened(offered, null, null, null);
        }
        LiveSource source = sources.open(pick);
        Current opened = new Current(pick, source, new OverviewModel(source.slo(), zone));
        try {
            return new Opened(offered, opened, read(opened), null);
        } catch (Exception e) {
            return new Opened(offered, opened, null, e);
        }
    }

    private void show(Opened result) {
        if (!choices.equals(result.choices())) {
            choices.setAll(result.choices());
        }
        if (result.current() == null) {
            chosen.set(null);
            stale.set(sources.none());
            note.set("");
            return;
        }
        current = result.current();
        chosen.set(current.choice());
        sloText.set(sloText(current.model().slo()));
        stale.set("");
        if (result.first() != null) {
            show(result.first());
        } else {
            failed(result.failure());
        }
        if (started) {
            poll(current, current.source().every());
        }
    }

    private void poll(Current reading, Duration delay) {
        stopPolling();
        polling = tasks.every(
                "overview poll",
                delay,
                reading.source().every(),
                () -> read(reading),
                state -> showIfCurrent(reading, state),
                failure -> {
                    if (reading == current) {
                        failed(failure);
                    }
                });
    }

    /** Off the UI thread: reads the source and computes what to show. */
    private static OverviewModel.State read(Current reading) throws Exception {
        return reading.model().next(reading.source().read());
    }

    /** Shows a state unless it is late (an older snapshot) or from a source no longer shown. */
    private void showIfCurrent(Current reading, OverviewModel.State state) {
        if (state != null && reading == current) {
            show(state);
        }
    }

    public void stop() {
        started = false;
        stopPolling();
    }

    private void stopPolling() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
    }

    /** Takes one snapshot of the current source (tests, the benchmark). */
    public void accept(Snapshot snapshot) {
        if (current == null) {
            throw new IllegalStateException("no source open yet");
        }
        showIfCurrent(current, current.model().next(snapshot));
    }

    /** Back to nothing shown: the next source's numbers never mix with the last one's. */
    private void clear() {
        Rate none = noData();
        lastMinute.set(none);
        lastHour.set(none);
        lastDay.set(none);
        latency.set("-");
        requestsPerSecond.set("-");
        errorBudget.set(none);
        burnRate.set("-");
        alerts.set("");
        live.set(false);
        stale.set("");
        note.set("");
        absorbedNote.set("");
        days.clear();
        absorbed.clear();
        charts.set(Charts.EMPTY);
    }

    /** Copies a computed state into the properties; nothing heavy runs here (the UI thread). */
    private void show(OverviewModel.State state) {
        stale.set(state.stale());
        note.set(state.note());
        absorbedNote.set(state.absorbedNote());
        if (!state.absorbed().equals(absorbed)) {
            absorbed.setAll(state.absorbed());
        }
        if (!state.live()) {
            return;
        }
        lastMinute.set(state.lastMinute());
        lastHour.set(state.lastHour());
        lastDay.set(state.lastDay());
        latency.set(state.latency());
        requestsPerSecond.set(state.requestsPerSecond());
        errorBudget.set(state.errorBudget());
        burnRate.set(state.burnRate());
        alerts.set(state.alerts());
        if (!state.days().equals(days)) {
            days.setAll(state.days());
        }
        charts.set(state.charts());
        live.set(true);
    }

    void failed(Throwable failure) {
        String why = why(failure);
        if (failure instanceof UnsupportedOperationException) {
            stale.set(why); // the source cannot say anything: say why, not "did not answer"
            return;
        }
        if (current == null) {
            stale.set("stale: " + why);
            return;
        }
        stale.set(current.model().staleSince() + current.source().who() + " did not answer (" + why + ")");
    }

    private static String why(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** The sources offered; the view shows a chooser when there is more than one. */
    public ObservableList<LiveSources.Choice> choices() {
        return choices;
    }

    /** The source shown or being opened; null before any (or where there is none). */
    public ReadOnlyObjectProperty<LiveSources.Choice> chosenProperty() {
        return chosen;
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

    /** True once the source has counts (on the lab: the agents' second answers). */
    public ReadOnlyBooleanProperty liveProperty() {
        return live;
    }

    /** Empty while the source answers; otherwise why the numbers are stale, in words. */
    public ReadOnlyStringProperty staleProperty() {
        return stale;
    }

    /** How the numbers are made and how new the newest is ("per minute, from CloudWatch · newest 10:41:00"). */
    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    /** Why "failures absorbed" is empty where the source cannot know it (CloudWatch), or "". */
    public ReadOnlyStringProperty absorbedNoteProperty() {
        return absorbedNote;
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

    /** "SLO 99.00% of requests succeed over 30 days", of the source shown. */
    public ReadOnlyStringProperty sloTextProperty() {
        return sloText;
    }

    private static String sloText(Slo slo) {
        return "SLO " + OverviewModel.percent(slo.objective()) + " of requests succeed over "
                + slo.window().toDays() + " days";
    }
}
