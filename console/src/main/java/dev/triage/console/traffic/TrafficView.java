package dev.triage.console.traffic;

import static dev.triage.console.fx.Panes.column;
import static dev.triage.console.fx.Panes.titled;
import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ConfirmPane;
import dev.triage.console.fx.Guarded;
import dev.triage.console.fx.Messages;
import dev.triage.console.traffic.rules.RuleEditorView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Lays out and binds the traffic screen; all state and commands are in {@link TrafficViewModel}. */
final class TrafficView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private TrafficView() {}

    static Node create(TrafficViewModel vm) {
        requireNonNull(vm, "vm");
        TableView<TrafficState.RuleRow> rules = new TableView<>(vm.rules());
        rules.setId("rulesTable");
        rules.getColumns()
                .setAll(List.of(
                        column("Load balancer", TrafficState.RuleRow::loadBalancer, 110),
                        column("Listener", TrafficState.RuleRow::listener, 90),
                        column("Priority", TrafficState.RuleRow::priority, 70),
                        column("When", TrafficState.RuleRow::conditions, 300),
                        column("Then", TrafficState.RuleRow::action, 300)));
        rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rules.setPlaceholder(new Label("Reading the load balancers ..."));
        rules.setPrefHeight(170);
        rules.setMinHeight(150);
        vm.selectedProperty().subscribe(row -> {
            if (rules.getSelectionModel().getSelectedItem() != row) {
                rules.getSelectionModel().select(row);
            }
        });
        rules.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.cancel();
                vm.selectedProperty().set(now);
            }
        });

        TableView<TrafficState.GroupRow> groups = new TableView<>(vm.groups());
        groups.setId("groupsTable");
        groups.getColumns()
                .setAll(List.of(
                        column("Target group", TrafficState.GroupRow::name, 120),
                        healthColumn(),
                        column("Share of traffic", TrafficState.GroupRow::weights, 200)));
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groups.setPlaceholder(new Label("No target groups"));

        Node shift = shiftPane(vm);
        HBox middle = new HBox(12, titled("Shift traffic", shift), titled("Target groups", groups));
        HBox.setHgrow(middle.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(middle.getChildren().get(1), Priority.ALWAYS);

        TableView<TrafficState.HistoryRow> history = new TableView<>(vm.history());
        history.setId("historyTable");
        history.getColumns()
                .setAll(List.of(
                        column("Time", r -> TIME.format(r.time()), 150),
                        column("Who", TrafficState.HistoryRow::actor, 80),
                        column("Change", TrafficState.HistoryRow::title, 260),
                        column("What changed", TrafficState.HistoryRow::change, 300),
                        column("Outcome", TrafficState.HistoryRow::outcome, 110),
                        undoColumn(vm)));
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        history.setPlaceholder(new Label("No changes yet in this journal"));
        Node historyPane = titled("History (audit journal, newest first)", history);
        VBox.setVgrow(historyPane, Priority.ALWAYS);

        middle.visibleProperty().bind(vm.editor().openProperty().not());
        middle.managedProperty().bind(middle.visibleProperty());
        Node editor = titled("Rule editor", RuleEditorView.create(vm.editor()));
        editor.visibleProperty().bind(vm.editor().openProperty());
        editor.managedProperty().bind(editor.visibleProperty());
        VBox.setVgrow(editor, Priority.ALWAYS);
        historyPane.visibleProperty().bind(vm.editor().openProperty().not());
        historyPane.managedProperty().bind(historyPane.visibleProperty());

        VBox root = new VBox(10, titled("Rules", new VBox(6, ruleButtons(vm), rules)), middle, editor, historyPane);
        root.setPadding(new Insets(14));
        root.setId("traffic");
        return root;
    }

    /** New, edit and delete for the selected rule's listener; the default rule can only be edited. */
    private static Node ruleButtons(TrafficViewModel vm) {
        Button add = new Button("New rule...");
        add.setId("newRuleButton");
        add.setOnAction(e -> vm.newRule());
        Button edit = new Button("Edit rule...");
        edit.setId("editRuleButton");
        edit.setOnAction(e -> vm.editRule());
        Button delete = new Button("Delete rule");
        delete.setId("deleteRuleButton");
        delete.setOnAction(e -> vm.previewDelete());
        var busy = vm.busyProperty().or(vm.editor().busyProperty());
        var defaultOrNone = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() == null
                        || vm.selectedProperty().get().rule().isDefault(),
                vm.selectedProperty());
        Node deleteNode = Guarded.button(delete, vm.guard(), busy.or(defaultOrNone));
        HBox line =
                new HBox(8, Guarded.button(add, vm.guard(), busy), Guarded.button(edit, vm.guard(), busy), deleteNode);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private static Node shiftPane(TrafficViewModel vm) {
        Label current = new Label();
        current.setId("currentShare");
        current.textProperty().bind(vm.currentProperty());

        TextField share = new TextField();
        share.setId("shareField");
        share.setPromptText("0-100");
        share.setPrefColumnCount(4);
        share.setTextFormatter(
                new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,3}") ? c : null));
        ComboBox<String> target = new ComboBox<>(vm.targets());
        target.setId("shiftTarget");
        target.valueProperty().bindBidirectional(vm.targetProperty());
        HBox line = new HBox(8, new Label("Send"), share, new Label("% of the selected rule to"), target);
        line.setAlignment(Pos.CENTER_LEFT);

        HBox presets = new HBox(6);
        for (int preset : TrafficViewModel.PRESETS) {
            Button button = new Button(preset + "%");
            button.setId("preset-" + preset);
            button.getStyleClass().add("preset");
            button.setOnAction(e -> share.setText(Integer.toString(preset)));
            presets.getChildren().add(button);
        }
        Slider slider = new Slider(0, 100, 0);
        slider.setId("shiftSlider");
        slider.setMajorTickUnit(25);
        slider.setMinorTickCount(4);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setSnapToTicks(false);
        slider.setBlockIncrement(1);
        slider.setMaxWidth(Double.MAX_VALUE);
        presets.setAlignment(Pos.CENTER_LEFT);

        boolean[] syncing = {false};
        share.textProperty().addListener((obs, was, now) -> {
            if (syncing[0]) {
                return;
            }
            if (now == null || now.isEmpty()) {
                vm.cancel();
                return;
            }
            int percent = Integer.parseInt(now);
            syncing[0] = true;
            slider.setValue(Math.min(100, percent));
            syncing[0] = false;
            vm.preview(percent);
        });
        slider.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing && !syncing[0]) {
                share.setText(Long.toString(Math.round(slider.getValue())));
            }
        });
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!syncing[0] && !slider.isValueChanging()) {
                syncing[0] = true;
                share.setText(Long.toString(Math.round(now.doubleValue())));
                syncing[0] = false;
            }
        });
        vm.currentShareProperty().subscribe(percent -> {
            syncing[0] = true;
            share.clear();
            slider.setValue(percent.doubleValue());
            syncing[0] = false;
        });

        VBox confirm = ConfirmPane.build(
                ConfirmPane.Spec.ids("confirmPane", "planPreview", "confirmName", "applyButton", "cancelButton"),
                vm.pendingProperty(),
                TrafficViewModel.Pending::title,
                TrafficViewModel.Pending::preview,
                vm::confirm,
                () -> {
                    share.clear();
                    vm.cancel();
                },
                vm.guard(),
                vm.busyProperty());

        Label message = Messages.label(
                "trafficMessage",
                vm.messageProperty(),
                TrafficViewModel.Message::text,
                m -> m.tone() == TrafficViewModel.Tone.SUCCESS,
                m -> m.tone() == TrafficViewModel.Tone.ERROR);

        Button progressive = new Button("Progressive...");
        progressive.setId("progressiveButton");
        progressive.setOnAction(e -> vm.progressive().open());
        presets.getChildren().add(Guarded.button(progressive, vm.guard(), vm.busyProperty()));

        VBox box = new VBox(8, current, line, presets, slider, confirm, message, progressivePane(vm.progressive()));
        box.setMinWidth(520);
        return box;
    }

    /** Steps, bake, gates, Start and Cancel, a line per step; shown once "Progressive..." is pressed. */
    private static Node progressivePane(ProgressiveViewModel vm) {
        TextField steps = field("progressiveSteps", vm.stepsProperty(), 14);
        TextField bake = field("progressiveBake", vm.bakeSecondsProperty(), 4);
        TextField success = field("progressiveSuccess", vm.successPercentProperty(), 4);
        TextField p99 = field("progressiveP99", vm.p99MillisProperty(), 5);
        p99.setPromptText("none");
        TextField least = field("progressiveMinRequests", vm.minRequestsProperty(), 5);
        HBox form1 = new HBox(6, new Label("Steps (%)"), steps, new Label("bake (s)"), bake);
        HBox form2 = new HBox(
                6,
                new Label("success at least (%)"),
                success,
                new Label("p99 at most (ms)"),
                p99,
                new Label("requests at least"),
                least);
        form1.setAlignment(Pos.CENTER_LEFT);
        form2.setAlignment(Pos.CENTER_LEFT);
        for (TextField f : List.of(steps, bake, success, p99, least)) {
            f.disableProperty().bind(vm.runningProperty());
        }

        Button start = new Button("Start");
        start.setId("progressiveStart");
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("progressiveCancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox buttons = new HBox(
                8,
                Guarded.button(start, vm.guard(), vm.runningProperty()),
                cancel,
                Guarded.nameField(vm.guard(), "progressiveName"));
        buttons.setAlignment(Pos.CENTER_LEFT);

        javafx.scene.control.ListView<String> lines = new javafx.scene.control.ListView<>(vm.lines());
        lines.setId("progressiveLines");
        lines.setPrefHeight(150);
        lines.setMinHeight(96); // the steps must stay readable when the window is short
        lines.setPlaceholder(new Label("Each step applies, bakes and is gated; a failed gate rolls back."));
        Label message = Messages.label(
                "progressiveMessage",
                vm.messageProperty(),
                TrafficViewModel.Message::text,
                m -> m.tone() == TrafficViewModel.Tone.SUCCESS,
                m -> m.tone() == TrafficViewModel.Tone.ERROR);

        VBox box = new VBox(6, new Label("Progressive shift"), form1, form2, buttons, lines, message);
        box.setId("progressivePane");
        box.visibleProperty().bind(vm.openProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static TableColumn<TrafficState.GroupRow, String> healthColumn() {
        TableColumn<TrafficState.GroupRow, String> column = column("Health", TrafficState.GroupRow::health, 140);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("meets", "below");
                if (!empty && getTableRow() != null && getTableRow().getItem() != null) {
                    getStyleClass().add(getTableRow().getItem().allHealthy() ? "meets" : "below");
                }
            }
        });
        return column;
    }

    private static TableColumn<TrafficState.HistoryRow, String> undoColumn(TrafficViewModel vm) {
        TableColumn<TrafficState.HistoryRow, String> column = new TableColumn<>("");
        column.setCellValueFactory(
                cell -> new SimpleObjectProperty<>(cell.getValue().id()));
        column.setPrefWidth(80);
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final Button undo = new Button("Undo");

            {
                undo.getStyleClass().add("undo-button");
                undo.disableProperty().bind(vm.guard().writableProperty().not());
                undo.setOnAction(e -> {
                    TrafficState.HistoryRow row =
                            getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        vm.previewUndo(row);
                    }
                });
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                TrafficState.HistoryRow row =
                        getTableRow() == null ? null : getTableRow().getItem();
                boolean show = !empty && row != null && row.undoable();
                undo.setId(show ? "undo-" + row.id() : null);
                setGraphic(show ? undo : null);
            }
        });
        return column;
    }
}
