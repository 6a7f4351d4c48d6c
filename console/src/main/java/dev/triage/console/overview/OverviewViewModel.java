package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Tasks;
import dev.triage.core.slo.Slo;
import java.time.Duration;
import java.time.Instant;
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
 * last hour's charts. Fed one {@link Reading} at a time (polled once a second through {@link
 * Tasks}); knows no Node, so it is tested without starting JavaFX.
 */
public final class OverviewViewModel {

    /** How often the source is read. */
    public static final Duration POLL = Duration.ofSeconds(1);

    /** Charts show the last hour at most this many points per series. */
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
    private final ObservableList<DayRow> days = FXCollections.observableArrayList();
    private final ObservableList<AbsorbedRow> absorbed = FXCollections.observableArrayList();
    private final ObjectProperty<Charts> charts = new SimpleObjectProperty<>(Charts.EMPTY);
    private Tasks.Handle polling;

    public OverviewViewModel(LiveSource source, Tasks tasks, Slo slo, ZoneId zone) {
        this.source = requireNonNull(source, "source");
        this.tasks = requireNonNull(tasks, "tasks");
        this.model = new OverviewModel(slo, zone);
    }

    static Rate noData() {
        return new Rate("no traffic", Status.NO_DATA);
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
            polling = tasks.every("overview poll", POLL, this::read, this::showIfNewer, this::failed);
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

    /** Takes one reading (tests, and {@link #refresh()} through the model). */
    void accept(Reading reading) {
        OverviewModel.State state = model.next(reading);
        if (state != null) {
            show(state);
        }
    }

    /** Copies a computed state into the properties; nothing heavy runs here (the UI thread). */
    private void show(OverviewModel.State state) {
        stale.set(state.unreachable());
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
        Instant lastGood = model.lastGood();
        stale.set("stale"
                + (lastGood == null
                        ? ""
                        : " since "
                                + lastGood.atZone(model.zone()).toLocalTime().withNano(0))
                + ": the load balancer's agent did not answer (" + why + ")");
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
        Slo slo = model.slo();
        return "SLO " + OverviewModel.percent(slo.objective()) + " of requests succeed over "
                + slo.window().toDays() + " days";
    }
}
