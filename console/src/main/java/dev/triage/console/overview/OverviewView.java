package dev.triage.console.overview;

import static dev.triage.console.fx.Panes.column;
import static dev.triage.console.fx.Panes.titled;
import static java.util.Objects.requireNonNull;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Lays out and binds the overview; all state is in {@link OverviewViewModel}. */
final class OverviewView {

    private OverviewView() {}

    static Node create(OverviewViewModel vm) {
        requireNonNull(vm, "vm");
        HBox tiles = new HBox(
                12,
                rateTile("successLastMinute", "Success, last minute", vm.lastMinuteProperty()),
                rateTile("successLastHour", "Success, last hour", vm.lastHourProperty()),
                rateTile("successLastDay", "Success, last day", vm.lastDayProperty()),
                textTile("latency", "Latency (last minute)", vm.latencyProperty()),
                textTile("requestsPerSecond", "Requests", vm.requestsPerSecondProperty()),
                budgetTile(vm));
        tiles.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        Label slo = new Label();
        slo.textProperty().bind(vm.sloTextProperty());
        slo.getStyleClass().add("muted");
        ComboBox<LiveSources.Choice> chooser = new ComboBox<>(vm.choices());
        chooser.setId("sourceChooser");
        chooser.setPromptText("Load balancer");
        chooser.visibleProperty().bind(Bindings.size(vm.choices()).greaterThan(1));
        chooser.managedProperty().bind(chooser.visibleProperty());
        vm.chosenProperty().subscribe(choice -> {
            if (chooser.getValue() != choice) {
                chooser.setValue(choice);
            }
        });
        chooser.setOnAction(e -> {
            LiveSources.Choice picked = chooser.getValue();
            if (picked != null && !picked.equals(vm.chosenProperty().get())) {
                vm.choose(picked);
            }
        });
        Label alerts = new Label();
        alerts.setId("alerts");
        alerts.getStyleClass().add("alert-text");
        alerts.textProperty().bind(vm.alertsProperty());
        alerts.visibleProperty().bind(vm.alertsProperty().isNotEmpty());
        alerts.managedProperty().bind(alerts.visibleProperty());
        Label stale = new Label();
        stale.setId("stale");
        stale.getStyleClass().add("stale-text");
        stale.textProperty().bind(vm.staleProperty());
        stale.visibleProperty().bind(vm.staleProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());
        Label note = new Label();
        note.setId("sourceNote");
        note.getStyleClass().add("muted");
        note.textProperty().bind(vm.noteProperty());
        Label waiting = new Label("Waiting for the first numbers from the load balancer ...");
        waiting.setId("waiting");
        waiting.getStyleClass().add("muted");
        waiting.visibleProperty().bind(vm.liveProperty().not());
        waiting.managedProperty().bind(waiting.visibleProperty());

        LineChart<Number, Number> rps = chart("rpsChart", "Requests per second", null);
        LineChart<Number, Number> success = chart("successChart", "Success %", null);
        LineChart<Number, Number> p99 = chart("p99Chart", "p99 latency (ms)", null);
        vm.chartsProperty().addListener((obs, was, now) -> {
            long at = latest(now);
            double minutes = span(now, at);
            draw(rps, now.requestsPerSecond(), at, minutes);
            draw(success, now.successPercent(), at, minutes);
            draw(p99, now.p99Ms(), at, minutes);
            NumberAxis successAxis = (NumberAxis) success.getYAxis();
            double lowest = now.successPercent().stream()
                    .mapToDouble(Downsample.Point::value)
                    .min()
                    .orElse(100);
            double lower = Math.min(99, Math.floor(lowest));
            successAxis.setLowerBound(lower);
            successAxis.setUpperBound(100 + (100 - lower) * 0.04);
        });
        HBox charts = new HBox(12, rps, success, p99);
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        TableView<OverviewViewModel.DayRow> days = new TableView<>(vm.days());
        days.setId("dailyTable");
        days.getColumns()
                .setAll(List.of(
                        column("", OverviewViewModel.DayRow::label, 130),
                        column("Successful", r -> String.format("%,d", r.successful()), 110),
                        column("Failed", r -> String.format("%,d", r.failed()), 90),
                        rateColumn()));
        days.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        days.setPlaceholder(new Label("No requests yet"));

        TableView<OverviewViewModel.AbsorbedRow> absorbed = new TableView<>(vm.absorbed());
        absorbed.setId("absorbedTable");
        absorbed.getColumns()
                .setAll(List.of(
                        column("Agent", OverviewViewModel.AbsorbedRow::agent, 70),
                        column("Target group", OverviewViewModel.AbsorbedRow::group, 105),
                        column("Attempts", r -> String.format("%,d", r.attempts()), 80),
                        column("Upstream failed", r -> String.format("%,d", r.upstreamFailures()), 135),
                        column("Clients saw", OverviewViewModel.AbsorbedRow::clientFailures, 95),
                        column("Absorbed", OverviewViewModel.AbsorbedRow::absorbed, 150)));
        absorbed.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label noAgents = new Label();
        noAgents.setWrapText(true);
        noAgents.textProperty()
                .bind(javafx.beans.binding.Bindings.when(
                                vm.absorbedNoteProperty().isEmpty())
                        .then("No agent reported yet")
                        .otherwise(vm.absorbedNoteProperty()));
        absorbed.setPlaceholder(noAgents);

        GridPane tables = new GridPane(12, 0);
        tables.add(titled("Success by day (SLO table)", days), 0, 0);
        tables.add(titled("Failures absorbed by the agents (last hour)", absorbed), 1, 0);
        ColumnConstraints left = new ColumnConstraints();
        left.setPercentWidth(40);
        ColumnConstraints right = new ColumnConstraints();
        right.setPercentWidth(60);
        tables.getColumnConstraints().setAll(left, right);
        VBox.setVgrow(tables, Priority.ALWAYS);

        HBox header = new HBox(16, chooser, slo, note, waiting);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(10, tiles, header, alerts, stale, charts, tables);
        root.setPadding(new Insets(14));
        root.setId("overview");
        return root;
    }

    private static Node rateTile(String id, String title, ObservableValue<OverviewViewModel.Rate> rate) {
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(rate.map(OverviewViewModel.Rate::text));
        rate.subscribe(r -> status(value, r.status()));
        return tile(title, value, null);
    }

    private static Node textTile(String id, String title, ObservableValue<String> text) {
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(text);
        return tile(title, value, null);
    }

    private static Node budgetTile(OverviewViewModel vm) {
        Label value = new Label();
        value.setId("errorBudget");
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(vm.errorBudgetProperty().map(OverviewViewModel.Rate::text));
        vm.errorBudgetProperty().subscribe(r -> status(value, r.status()));
        Label burn = new Label();
        burn.setId("burnRate");
        burn.getStyleClass().add("muted");
        burn.textProperty().bind(vm.burnRateProperty().map(t -> "burn " + t));
        return tile("Error budget (30 days)", value, burn);
    }

    private static Node tile(String title, Label value, Label extra) {
        Label heading = new Label(title);
        heading.getStyleClass().add("tile-title");
        VBox box = extra == null ? new VBox(4, heading, value) : new VBox(4, heading, value, extra);
        box.getStyleClass().add("tile");
        box.setMinWidth(150);
        return box;
    }

    private static void status(Label label, OverviewViewModel.Status status) {
        label.getStyleClass().removeAll("meets", "below", "no-data");
        label.getStyleClass()
                .add(
                        switch (status) {
                            case MEETS -> "meets";
                            case BELOW -> "below";
                            case NO_DATA -> "no-data";
                        });
    }

    private static LineChart<Number, Number> chart(String id, String title, String unit) {
        NumberAxis x = new NumberAxis(-5, 0, 1);
        x.setAutoRanging(false);
        x.setLabel("minutes ago");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Long.toString(Math.round(-n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return -Double.parseDouble(s);
            }
        });
        NumberAxis y = new NumberAxis();
        if (id.equals("successChart")) {
            y.setAutoRanging(false);
            y.setLowerBound(99);
            y.setUpperBound(100);
            y.setTickUnit(0.5);
            y.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    double v = n.doubleValue();
                    return v > 100.01
                            ? ""
                            : String.format(java.util.Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
                }

                @Override
                public Number fromString(String s) {
                    return Double.parseDouble(s);
                }
            });
        }
        if (unit != null) {
            y.setLabel(unit);
        }
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(230);
        chart.setMinWidth(200);
        chart.getData().add(new XYChart.Series<>());
        return chart;
    }

    private static long latest(OverviewViewModel.Charts charts) {
        return charts.requestsPerSecond().isEmpty()
                ? 0
                : charts.requestsPerSecond().getLast().epochSecond();
    }

    /** The minutes the x axis spans: the data's age rounded up to 5 minutes, at most an hour. */
    private static double span(OverviewViewModel.Charts charts, long now) {
        if (charts.requestsPerSecond().isEmpty()) {
            return 5;
        }
        double age = (now - charts.requestsPerSecond().getFirst().epochSecond()) / 60.0;
        return Math.min(60, Math.max(5, Math.ceil(age / 5) * 5));
    }

    private static void draw(LineChart<Number, Number> chart, List<Downsample.Point> points, long now, double minutes) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        if (x.getLowerBound() != -minutes) {
            x.setLowerBound(-minutes);
            x.setTickUnit(minutes <= 10 ? 1 : minutes <= 30 ? 5 : 10);
        }
        XYChart.Series<Number, Number> series = chart.getData().getFirst();
        List<XYChart.Data<Number, Number>> data = points.stream()
                .map(p -> new XYChart.Data<Number, Number>((p.epochSecond() - now) / 60.0, p.value()))
                .toList();
        series.getData().setAll(data);
    }

    private static TableColumn<OverviewViewModel.DayRow, String> rateColumn() {
        TableColumn<OverviewViewModel.DayRow, String> column =
                column("Success rate", OverviewViewModel.DayRow::rate, 110);
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("meets", "below");
                setText(empty ? null : item);
                if (!empty && getTableRow() != null && getTableRow().getItem() != null) {
                    OverviewViewModel.Status status = getTableRow().getItem().status();
                    if (status != OverviewViewModel.Status.NO_DATA) {
                        getStyleClass().add(status == OverviewViewModel.Status.MEETS ? "meets" : "below");
                    }
                }
            }
        });
        return column;
    }
}
