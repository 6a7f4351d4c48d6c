package dev.triage.console.security;

import static dev.triage.console.fx.Panes.column;
import static dev.triage.console.fx.Panes.titled;
import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.console.fx.ConfirmPane;
import dev.triage.console.fx.Messages;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Lays out and binds the security screen; state and commands are in its three ViewModels. */
final class SecurityView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private SecurityView() {}

    static Node create(
            SecurityViewModel alerts,
            PostureViewModel posture,
            RemediationViewModel remediation,
            RotationViewModel rotation,
            AccessLogViewModel accessLogs) {
        requireNonNull(alerts, "alerts");
        requireNonNull(posture, "posture");
        requireNonNull(remediation, "remediation");
        Node banner = criticalBanner(alerts);
        Node alertsPane = titled("Live alerts (most recent first)", alertsPane(alerts, remediation));
        VBox.setVgrow(alertsPane, Priority.ALWAYS);
        Tab rotationTab =
                tab("rotationTab", "CDN secret rotation", RotationView.create(requireNonNull(rotation, "rotation")));
        TabPane lower = new TabPane(
                tab("postureTab", "Posture", posturePane(posture, remediation)),
                tab("accessLogTab", "From access logs", accessLogPane(requireNonNull(accessLogs, "accessLogs"))),
                rotationTab);
        lower.setId("securityTabs");
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        lower.setPrefHeight(340);
        lower.setMinHeight(240);
        // a rotation under way (e.g. found in the state file after a restart) is what the user came back for
        rotation.stateProperty().subscribe(s -> {
            if (s != null && !s.closed()) {
                lower.getSelectionModel().select(rotationTab);
            }
        });
        VBox root = new VBox(10, banner, streamsLine(alerts), alertsPane, confirmPane(remediation), lower);
        root.setPadding(new Insets(14));
        root.setId("security");
        root.getStylesheets().add(SecurityView.class.getResource("security.css").toExternalForm());
        Notifier.attach(root, alerts);
        return root;
    }

    /** The access-log findings: a time range, Scan and Cancel, progress while it runs, then the findings. */
    private static Node accessLogPane(AccessLogViewModel vm) {
        ComboBox<AccessLogViewModel.Range> range =
                new ComboBox<>(javafx.collections.FXCollections.observableArrayList(AccessLogViewModel.Range.values()));
        range.setId("accessLogRange");
        range.valueProperty().bindBidirectional(vm.rangeProperty());
        Button scan = new Button("Scan");
        scan.setId("accessLogScan");
        scan.setOnAction(e -> vm.scan());
        scan.disableProperty()
                .bind(vm.scanningProperty()
                        .or(vm.cdnRangesValidProperty().not())
                        .or(new SimpleBooleanProperty(!vm.available())));
        Button cancel = new Button("Cancel");
        cancel.setId("accessLogCancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.scanningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.scanningProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label read = new Label();
        read.setId("accessLogRead");
        read.getStyleClass().add("muted");
        read.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.scanningProperty().get() ? vm.readProperty().get() + " entries read" : "",
                        vm.scanningProperty(),
                        vm.readProperty()));
        HBox top = new HBox(8, new Label("Range"), range, scan, cancel, spinner, read);
        top.setAlignment(Pos.CENTER_LEFT);

        TableView<AccessLogViewModel.Row> table = new TableView<>(vm.findings());
        table.setId("accessLogTable");
        table.getColumns()
                .setAll(List.of(
                        severityStyled(column("Severity", AccessLogViewModel.Row::severity, 80)),
                        column("Kind", AccessLogViewModel.Row::kind, 220),
                        column("Source IP", AccessLogViewModel.Row::sourceOrDash, 120),
                        column("Count", r -> Long.toString(r.count()), 55),
                        column("First seen", r -> TIME.format(r.first()), 75),
                        column("Last seen", r -> TIME.format(r.last()), 75),
                        column("Evidence", AccessLogViewModel.Row::evidence, 300),
                        column("Load balancer", AccessLogViewModel.Row::loadBalancer, 100)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No findings: scan a time range."));
        table.setPrefHeight(160);
        Label status = new Label();
        status.setId("accessLogStatus");
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        return new VBox(8, top, cdnRanges(vm), status, table);
    }

    /** The CDN's address ranges: typed (checked as typed) or loaded from AWS's ip-ranges.json. */
    private static Node cdnRanges(AccessLogViewModel vm) {
        TextArea field = new TextArea();
        field.setId("accessLogCdnRanges");
        field.setPromptText("CDN address ranges, e.g. 130.176.0.0/17, 2600:9000::/28 (commas, spaces or lines)");
        field.setPrefRowCount(2);
        field.setWrapText(true);
        field.textProperty().bindBidirectional(vm.cdnRangesTextProperty());
        HBox.setHgrow(field, Priority.ALWAYS);
        Button load = new Button("Load ip-ranges.json ...");
        load.setId("accessLogCdnRangesLoad");
        load.disableProperty().bind(vm.loadingRangesProperty());
        load.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("AWS ip-ranges.json (CloudFront ranges)");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("JSON", "*.json"),
                            new FileChooser.ExtensionFilter("All files", "*"));
            File chosen = chooser.showOpenDialog(load.getScene().getWindow());
            if (chosen != null) {
                vm.loadCdnRanges(chosen.toPath());
            }
        });
        Label label = new Label("CDN ranges");
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(8, label, field, load);
        line.setAlignment(Pos.TOP_LEFT);
        Label message = new Label();
        message.setId("accessLogCdnRangesMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.cdnRangesMessageProperty());
        vm.cdnRangesValidProperty().subscribe(valid -> {
            message.getStyleClass().removeAll("error-text", "muted");
            message.getStyleClass().add(valid ? "muted" : "error-text");
        });
        return new VBox(4, line, message);
    }

    private static Node criticalBanner(SecurityViewModel vm) {
        Label text = new Label();
        text.setId("criticalBanner");
        text.setWrapText(true);
        text.setGraphic(new FontIcon(Material2MZ.REPORT));
        Button dismiss = new Button("Dismiss");
        dismiss.getStyleClass().add("flat");
        dismiss.setOnAction(e -> vm.dismissNotice());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox box = new HBox(10, text, grow, dismiss);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("critical-banner");
        box.visibleProperty().bind(vm.noticeProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        vm.noticeProperty()
                .subscribe(n -> text.setText(
                        n == null ? "" : "Critical at " + TIME.format(n.alert().last()) + ": " + n.text()));
        return box;
    }

    private static Node streamsLine(SecurityViewModel vm) {
        HBox line = new HBox(14);
        line.setId("streams");
        line.setAlignment(Pos.CENTER_LEFT);
        Runnable render = () -> {
            line.getChildren().setAll(new Label("Event streams:"));
            if (vm.streams().isEmpty()) {
                line.getChildren().add(muted("no agents to listen to at this place"));
            }
            for (StreamState s : vm.streams()) {
                Label label = new Label(s.agent() + " " + words(s));
                label.setId("stream-" + s.agent());
                label.getStyleClass()
                        .add(
                                switch (s.status()) {
                                    case LIVE -> "success-text";
                                    case STALE -> "stale-text";
                                    case CONNECTING -> "muted";
                                });
                line.getChildren().add(label);
            }
        };
        vm.streams().subscribe(render);
        render.run();
        return line;
    }

    private static String words(StreamState s) {
        return switch (s.status()) {
            case LIVE -> "live";
            case CONNECTING -> "connecting ...";
            case STALE -> "STALE since " + TIME.format(s.since()) + " (" + s.detail() + ")";
        };
    }

    private static Node alertsPane(SecurityViewModel vm, RemediationViewModel remediation) {
        TableView<Alert> table = new TableView<>(vm.shownAlerts());
        table.setId("alertsTable");
        table.getColumns()
                .setAll(List.of(
                        severityColumn(),
                        column("Time", a -> TIME.format(a.last()), 75),
                        column("Kind", a -> a.kind().label(), 260),
                        column("Source IP", Alert::sourceIp, 120),
                        column("Route", Alert::route, 90),
                        column("Count", a -> Long.toString(a.count()), 55),
                        column("Evidence", Alert::evidence, 300),
                        column("Agent", Alert::agent, 80),
                        blockColumn(remediation)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(
                "No alerts yet: the agents' detectors have seen nothing since the console" + " started listening."));
        table.setMinHeight(160);
        remediation.blocked().addListener((SetChangeListener<String>) c -> table.refresh());

        ComboBox<SecurityEvent.Severity> filter =
                new ComboBox<>(javafx.collections.FXCollections.observableArrayList(SecurityEvent.Severity.values()));
        filter.setId("severityFilter");
        filter.setConverter(new StringConverter<>() {
            @Override
            public String toString(SecurityEvent.Severity s) {
                if (s == null) {
                    return "";
                }
                return switch (s) {
                    case INFO -> "every severity";
                    case WARNING -> "warning and critical";
                    case CRITICAL -> "critical only";
                };
            }

            @Override
            public SecurityEvent.Severity fromString(String text) {
                return null;
            }
        });
        filter.valueProperty().bindBidirectional(vm.minimumSeverityProperty());
        Label count = new Label();
        count.getStyleClass().add("muted");
        Runnable counting = () ->
                count.setText(vm.shownAlerts().size() + " of " + vm.alerts().size() + " alert line(s) shown");
        vm.shownAlerts().subscribe(counting);
        vm.alerts().subscribe(counting);
        counting.run();
        HBox top = new HBox(8, new Label("Show"), filter, count);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, top, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static Node confirmPane(RemediationViewModel vm) {
        VBox confirm = ConfirmPane.build(
                ConfirmPane.Spec.ids(
                                "securityConfirm",
                                "securityPreview",
                                "securityConfirmName",
                                "securityApply",
                                "securityCancel")
                        .previewRows(4)
                        .escapeCancels(false),
                vm.pendingProperty(),
                RemediationViewModel.Pending::title,
                RemediationViewModel.Pending::preview,
                vm::confirm,
                vm::cancel,
                vm.guard(),
                vm.busyProperty());

        Label message = Messages.label(
                "securityMessage",
                vm.messageProperty(),
                RemediationViewModel.Message::text,
                m -> m.tone() == RemediationViewModel.Tone.SUCCESS,
                m -> m.tone() == RemediationViewModel.Tone.ERROR);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        // "Require the CDN header" changes the load balancer and the agents together; undo reverts both.
        Button undo = new Button("Undo require header");
        undo.setId("securityUndoRequirement");
        undo.setOnAction(e -> vm.undoRequirement());
        undo.visibleProperty().bind(vm.requirementInPlaceProperty().isNotNull());
        undo.managedProperty().bind(undo.visibleProperty());
        undo.disableProperty().bind(vm.busyProperty());

        // An apply the console did not live to finish: what its record says, and one action that sets it back.
        Label cut = new Label();
        cut.setId("securityInterrupted");
        cut.setWrapText(true);
        cut.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(cut, Priority.ALWAYS);
        cut.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.interruptedProperty().get() == null
                                ? ""
                                : capitalised(vm.interruptedProperty().get().describe()) + ".",
                        vm.interruptedProperty()));
        Button setBack = new Button("Set back");
        setBack.setId("securitySetBackInterrupted");
        setBack.setOnAction(e -> vm.setBackInterrupted());
        setBack.disableProperty().bind(vm.busyProperty());
        HBox interrupted = new HBox(8, cut, setBack);
        interrupted.visibleProperty().bind(vm.interruptedProperty().isNotNull());
        interrupted.managedProperty().bind(interrupted.visibleProperty());
        return new VBox(6, confirm, message, undo, interrupted);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Node posturePane(PostureViewModel vm, RemediationViewModel remediation) {
        PasswordField secret = new PasswordField();
        secret.setId("cdnSecret");
        secret.setPromptText("CDN header value, for its fix");
        secret.setPrefColumnCount(18);
        TableView<PostureViewModel.Finding> table = new TableView<>(vm.findings());
        table.setId("postureTable");
        table.getColumns()
                .setAll(List.of(
                        postureSeverityColumn(),
                        column("Check", PostureViewModel.Finding::check, 290),
                        column("Why", PostureViewModel.Finding::reason, 400),
                        column("Fix", PostureViewModel.Finding::advice, 300),
                        fixColumn(remediation, secret)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No failed checks"));
        table.setPrefHeight(200);
        table.setMinHeight(180);
        Label summary = new Label();
        summary.setId("postureSummary");
        summary.textProperty().bind(vm.summaryProperty());
        Button again = new Button("Check again");
        again.setId("postureRefresh");
        again.disableProperty().bind(vm.checkingProperty());
        again.setOnAction(e -> vm.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, summary, grow, secret, again);
        top.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, top, table);
    }

    private static TableColumn<Alert, String> blockColumn(RemediationViewModel vm) {
        return actionColumn(
                Alert::blockable,
                a -> vm.blocked().contains(a.sourceIp()) ? "blocked" : null,
                a -> "block-" + a.sourceIp().replace('.', '-').replace(':', '-'),
                "Block",
                (a, button) -> vm.previewBlock(a),
                110);
    }

    private static TableColumn<PostureViewModel.Finding, String> fixColumn(
            RemediationViewModel vm, PasswordField secret) {
        return actionColumn(
                PostureViewModel.Finding::plannable,
                f -> f.fix() == null ? "advice" : f.plannable() ? null : "advice",
                f -> "fix-" + f.fix().kind().name().toLowerCase(Locale.ROOT),
                "Fix",
                (f, button) -> vm.previewFix(f, secret.getText()),
                80);
    }

    /** A button per row where {@code offered}, else {@code instead}'s words (or nothing). */
    private static <R> TableColumn<R, String> actionColumn(
            Predicate<R> offered,
            Function<R, String> instead,
            Function<R, String> id,
            String text,
            BiConsumer<R, Button> action,
            double width) {
        TableColumn<R, String> column = new TableColumn<>("");
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(""));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button(text);

            {
                button.getStyleClass().addAll("row-action", "small");
                button.setOnAction(e -> {
                    R row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        action.accept(row, button);
                    }
                });
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                R row = getTableRow() == null ? null : getTableRow().getItem();
                setText(null);
                setGraphic(null);
                button.setId(null);
                getStyleClass().remove("muted");
                if (empty || row == null) {
                    return;
                }
                String words = instead.apply(row);
                if (words != null) {
                    setText(words);
                    getStyleClass().add("muted");
                } else if (offered.test(row)) {
                    button.setId(id.apply(row));
                    setGraphic(button);
                }
            }
        });
        return column;
    }

    private static TableColumn<Alert, String> severityColumn() {
        return severityStyled(column("Severity", a -> a.severity().name(), 80));
    }

    private static TableColumn<PostureViewModel.Finding, String> postureSeverityColumn() {
        return severityStyled(column("Severity", PostureViewModel.Finding::severity, 80));
    }

    private static <R> TableColumn<R, String> severityStyled(TableColumn<R, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("severity-critical", "severity-warning", "severity-info");
                if (!empty && item != null) {
                    getStyleClass().add("severity-" + item.toLowerCase(Locale.ROOT));
                }
            }
        });
        return column;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return label;
    }

    /** A tab whose content scrolls when the window is short. */
    private static Tab tab(String id, String title, Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setPadding(new Insets(8));
        Tab tab = new Tab(title, scroll);
        tab.setId(id);
        return tab;
    }
}
