package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.slo.Slo;
import java.time.ZoneId;
import java.util.List;
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
 * LiveSource#every()} through {@link Tasks}: a second on the lab, a minute on AWS); knows no Node, so it
 * is tested without starting JavaFX.
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

    private final LiveSource source;
    private final Tasks tasks;
    private final OverviewModel model;

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
    private final ObservableList<DayRow> days = FXCollections.observableArrayList();
    private final ObservableList<AbsorbedRow> absorbed = FXCollections.observableArrayList();
    private final ObjectProperty<Charts> charts = new SimpleObjectProperty<>(Charts.EMPTY);
    private Tasks.Handle polling;

    public OverviewViewModel(LiveSource source, Tasks tasks, ZoneId zone) {
        this.source = requireNonNull(source, "source");
        this.tasks = requireNonNull(tasks, "tasks");
        this.model = new OverviewModel(source.slo(), zone);
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

    /** Starts reading the source every {@link LiveSource#every()}. */
    public void start() {
        if (polling == null) {
            polling = tasks.every("overview poll", source.every(), this::read, this::showIfNewer, this::failed);
        }
    }

    /** Reads once now (tests, and the refresh shortcut). */
    public void refresh() {
        tasks.run("overview read", this::read, this::showIfNewer, this::failed);
    }

    /** Off the UI thread: reads the source and computes what to show. */
    private OverviewModel.State read() throws Exception {
        return model.next(source.read());
    }

    private void showIfNewer(OverviewModel.State state) {
        if (state != null) {
            show(state);
        }
    }

    public void stop() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
    }

    /** Takes one snapshot (tests, the benchmark; {@link #refresh()} goes through the model the same way). */
    public void accept(Snapshot snapshot) {
        OverviewModel.State state = model.next(snapshot);
        if (state != null) {
            show(state);
        }
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
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof UnsupportedOperationException) {
            stale.set(why); // the place has no live source (AWS today): say so, not "did not answer"
            return;
        }
        stale.set(model.staleSince() + source.who() + " did not answer (" + why + ")");
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

    public String sloText() {
        Slo slo = model.slo();
        return "SLO " + OverviewModel.percent(slo.objective()) + " of requests succeed over "
                + slo.window().toDays() + " days";
    }
}
