package dev.triage.console.fleet;

import static dev.triage.console.fx.Panes.column;
import static dev.triage.console.fx.Panes.titled;
import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ConfirmPane;
import dev.triage.console.fx.Messages;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Lays out and binds the Fleet screen; all state and commands are in {@link FleetViewModel}. */
final class FleetView {

    private FleetView() {}

    static Node create(FleetViewModel vm) {
        requireNonNull(vm, "vm");
        TableView<AgentRow> agents = new TableView<>(vm.agents());
        agents.setId("agentsTable");
        agents.getColumns()
                .setAll(List.of(
                        pushColumn(vm, agents),
                        column("Agent", AgentRow::name, 80),
                        column("Role", AgentRow::role, 60),
                        styled(column("Health", AgentRow::health, 120), r -> r.stale() ? "stale-text" : "meets"),
                        column("Agent version", AgentRow::agentVersion, 115),
                        column("Config version", AgentRow::configVersion, 130),
                        styled(column("Drift", AgentRow::drift, 140), r -> r.drifted() ? "below" : null),
                        column("Req/s", AgentRow::requestsPerSecond, 60),
                        column("Success", AgentRow::success, 70),
                        column("Cache hits", AgentRow::cacheHits, 90),
                        styled(column("Last push", AgentRow::outcome, 230), FleetView::outcomeStyle)));
        agents.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        agents.setPlaceholder(new Label("Reading the agents ..."));
        agents.setPrefHeight(170);
        agents.setMinHeight(140);
        Label stale = new Label();
        stale.setId("fleetStale");
        stale.getStyleClass().add("stale-text");
        stale.textProperty().bind(vm.staleProperty());
        stale.visibleProperty().bind(vm.staleProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());
        VBox agentsBox = new VBox(6, stale, agents);

        Node editor = editor(vm);
        Node push = pushPane(vm);
        HBox bottom = new HBox(12, titled("Route policy", editor), titled("Push", push));
        HBox.setHgrow(bottom.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(bottom.getChildren().get(1), Priority.ALWAYS);
        VBox.setVgrow(bottom, Priority.ALWAYS);

        VBox root = new VBox(10, titled("Agents", agentsBox), bottom);
        root.setPadding(new Insets(14));
        root.setId("fleet");
        return root;
    }

    private static Node editor(FleetViewModel vm) {
        FlowPane route = new FlowPane(6, 6);
        route.setId("routeChoice");
        ToggleGroup group = new ToggleGroup();
        Runnable showRoutes = () -> {
            group.getToggles().clear();
            route.getChildren()
                    .setAll(vm.routes().stream()
                            .map(name -> {
                                ToggleButton button = new ToggleButton(name);
                                button.setId("route-" + name);
                                button.setToggleGroup(group);
                                button.setSelected(
                                        name.equals(vm.routeProperty().get()));
                                button.setOnAction(e -> {
                                    button.setSelected(true);
                                    vm.routeProperty().set(name);
                                });
                                return (Node) button;
                            })
                            .toList());
        };
        vm.routes().addListener((javafx.collections.ListChangeListener<String>) c -> showRoutes.run());
        vm.routeProperty()
                .subscribe(name -> group.getToggles()
                        .forEach(t -> t.setSelected(((ToggleButton) t).getText().equals(name))));
        showRoutes.run();
        Label info = new Label();
        info.setId("routeInfo");
        info.getStyleClass().add("muted");
        info.setWrapText(true);
        info.textProperty().bind(vm.routeInfoProperty());
        HBox.setHgrow(route, Priority.ALWAYS);
        HBox top = new HBox(8, new Label("Route"), route);
        top.setAlignment(Pos.CENTER_LEFT);

        GridPane retry = section(
                vm,
                PolicyForm.Section.RETRY,
                "Retry",
                row(PolicyForm.Field.RETRY_ATTEMPTS, "Attempts", ""),
                row(PolicyForm.Field.RETRY_PER_TRY, "Per-try timeout", "ms"),
                row(PolicyForm.Field.RETRY_DEADLINE, "Deadline", "ms"),
                row(PolicyForm.Field.RETRY_BACKOFF_BASE, "Backoff from", "ms"),
                row(PolicyForm.Field.RETRY_BACKOFF_MAX, "Backoff up to", "ms"));
        GridPane hedge = section(
                vm, PolicyForm.Section.HEDGE, "Hedge", row(PolicyForm.Field.HEDGE_DELAY, "Second try after", "ms"));
        GridPane cache = section(
                vm,
                PolicyForm.Section.CACHE,
                "Cache",
                row(PolicyForm.Field.CACHE_TTL, "Fresh for (TTL)", "ms"),
                row(PolicyForm.Field.CACHE_SWR, "Stale while revalidate", "ms"),
                row(PolicyForm.Field.CACHE_SIE, "Stale if error", "ms"));
        GridPane gates = section(
                vm,
                PolicyForm.Section.GATES,
                "Gates",
                row(PolicyForm.Field.GATE_MAX_BODY, "Max body", "bytes (0: none)"),
                row(PolicyForm.Field.GATE_METHODS, "Methods", "(empty: all)"),
                row(PolicyForm.Field.GATE_HEADER_NAME, "Required header", ""),
                row(PolicyForm.Field.GATE_HEADER_VALUES, "Accepted values", "a, b"));
        CheckBox basic = new CheckBox("Require Basic auth");
        basic.setId("gatesRequireBasicAuth");
        basic.selectedProperty().bindBidirectional(vm.requireBasicAuthProperty());
        basic.disableProperty().bind(vm.section(PolicyForm.Section.GATES).not());
        gates.add(basic, 1, gates.getRowCount());

        VBox left = new VBox(10, retry, hedge);
        VBox right = new VBox(10, cache, gates);
        HBox columns = new HBox(24, left, right);
        VBox box = new VBox(8, top, info, columns);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private record FieldRow(PolicyForm.Field field, String label, String unit) {}

    private static FieldRow row(PolicyForm.Field field, String label, String unit) {
        return new FieldRow(field, label, unit);
    }

    private static GridPane section(FleetViewModel vm, PolicyForm.Section section, String title, FieldRow... rows) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        CheckBox on = new CheckBox(title);
        on.setId("section-" + section.name().toLowerCase(java.util.Locale.ROOT));
        on.getStyleClass().add("section-title");
        on.selectedProperty().bindBidirectional(vm.section(section));
        grid.add(on, 0, 0, 3, 1);
        int r = 1;
        for (FieldRow row : rows) {
            TextField text = new TextField();
            text.setId(row.field().id());
            text.setPrefColumnCount(row.field() == PolicyForm.Field.GATE_HEADER_VALUES ? 12 : 7);
            text.textProperty().bindBidirectional(vm.field(row.field()));
            text.disableProperty().bind(on.selectedProperty().not());
            Label label = new Label(row.label());
            label.setMinWidth(Region.USE_PREF_SIZE);
            Label unit = new Label(row.unit());
            unit.setMinWidth(Region.USE_PREF_SIZE);
            unit.getStyleClass().add("muted");
            grid.addRow(r++, label, text, unit);
        }
        return grid;
    }

    private static Node pushPane(FleetViewModel vm) {
        CheckBox rolling = new CheckBox("Rolling: one agent after the other, stop at the first failure");
        rolling.setId("rollingCheck");
        rolling.selectedProperty().bindBidirectional(vm.rollingProperty());
        Label targets = new Label();
        targets.setId("pushTargets");
        targets.setWrapText(true);
        Runnable showTargets = () -> targets.setText(
                vm.targets().isEmpty()
                        ? "No agent chosen: tick agents in the table's Push column"
                        : "To: " + String.join(", ", vm.targets()) + " (tick agents in the table's Push column)");
        vm.targets().addListener((SetChangeListener<String>) c -> showTargets.run());
        showTargets.run();

        VBox problems = new VBox(2);
        problems.setId("formProblems");
        Runnable showProblems = () -> problems.getChildren()
                .setAll(vm.problems().stream()
                        .map(p -> {
                            Label l = new Label(p);
                            l.setWrapText(true);
                            l.getStyleClass().add("error-text");
                            return (Node) l;
                        })
                        .toList());
        vm.problems().addListener((javafx.collections.ListChangeListener<String>) c -> showProblems.run());
        Label hint = new Label("Edit a value: it is checked as you type, then by the agents, and offered for pushing.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.visibleProperty()
                .bind(vm.pendingProperty().isNull().and(javafx.beans.binding.Bindings.isEmpty(vm.problems())));
        hint.managedProperty().bind(hint.visibleProperty());

        VBox confirm = ConfirmPane.build(
                ConfirmPane.Spec.ids(
                                "pushConfirmPane", "pushPreview", "pushConfirmName", "pushButton", "cancelPushButton")
                        .applyText("Push")
                        .previewRows(6),
                vm.pendingProperty(),
                FleetViewModel.Pending::title,
                FleetViewModel.Pending::preview,
                vm::confirm,
                vm::cancel,
                vm.guard(),
                vm.busyProperty());

        Label message = Messages.label(
                "fleetMessage",
                vm.messageProperty(),
                FleetViewModel.Message::text,
                m -> m.tone() == FleetViewModel.Tone.SUCCESS,
                m -> m.tone() == FleetViewModel.Tone.ERROR);
        VBox box = new VBox(8, targets, rolling, hint, problems, confirm, message);
        box.setMinWidth(460);
        return box;
    }

    private static TableColumn<AgentRow, String> pushColumn(FleetViewModel vm, TableView<AgentRow> table) {
        TableColumn<AgentRow, String> column = new TableColumn<>("Push");
        column.setCellValueFactory(
                cell -> new SimpleObjectProperty<>(cell.getValue().name()));
        column.setPrefWidth(50);
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final CheckBox box = new CheckBox();

            {
                box.setOnAction(e -> {
                    String name = getItem();
                    if (name == null) {
                        return;
                    }
                    if (box.isSelected()) {
                        vm.targets().add(name);
                    } else {
                        vm.targets().remove(name);
                    }
                });
            }

            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                if (empty || name == null) {
                    setGraphic(null);
                    return;
                }
                box.setId("push-" + name);
                box.setSelected(vm.targets().contains(name));
                setGraphic(box);
            }
        });
        vm.targets().addListener((SetChangeListener<String>) c -> table.refresh());
        return column;
    }

    private static String outcomeStyle(AgentRow row) {
        return switch (row.outcomeKind()) {
            case APPLIED -> "meets";
            case FAILED -> "below";
            case SKIPPED -> "stale-text";
            case NONE, NOT_PUSHED -> "muted";
        };
    }

    private static TableColumn<AgentRow, String> styled(
            TableColumn<AgentRow, String> column, Function<AgentRow, String> styleOf) {
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("meets", "below", "stale-text", "muted");
                AgentRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (!empty && row != null) {
                    String style = styleOf.apply(row);
                    if (style != null) {
                        getStyleClass().add(style);
                    }
                    setTooltip(item == null || item.length() < 20 ? null : new javafx.scene.control.Tooltip(item));
                }
            }
        });
        return column;
    }
}
