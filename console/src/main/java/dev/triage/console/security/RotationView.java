package dev.triage.console.security;

import static dev.triage.console.fx.Panes.column;
import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.Guarded;
import dev.triage.console.fx.Messages;
import dev.triage.console.security.RotationViewModel.Command;
import dev.triage.console.security.RotationViewModel.Part;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Lays out and binds the CDN secret rotation panel (a tab of the security screen); state and commands are in {@link RotationViewModel}. */
final class RotationView {

    private RotationView() {}

    static Node create(RotationViewModel vm) {
        requireNonNull(vm, "vm");
        TextField header = new TextField();
        header.setId("rotationHeader");
        header.setPrefColumnCount(16);
        header.textProperty().bindBidirectional(vm.headerNameProperty());
        header.setOnAction(e -> vm.reload());
        header.disableProperty().bind(vm.busyProperty());

        PasswordField oldValue = new PasswordField();
        oldValue.setId("rotationOld");
        oldValue.setPromptText("old value (the CDN sends it now)");
        oldValue.setPrefColumnCount(18);
        oldValue.textProperty().bindBidirectional(vm.oldValueProperty());
        PasswordField newValue = new PasswordField();
        newValue.setId("rotationNew");
        newValue.setPromptText("new value");
        newValue.setPrefColumnCount(18);
        newValue.textProperty().bindBidirectional(vm.newValueProperty());
        Button generate = new Button("Generate");
        generate.setId("rotationGenerate");
        generate.setOnAction(e -> vm.generate());
        Button rescan = new Button("Find scope");
        rescan.setId("rotationScope");
        rescan.setOnAction(e -> vm.reload());
        rescan.disableProperty().bind(vm.busyProperty());

        HBox values = new HBox(
                8,
                new Label("Header"),
                header,
                rescan,
                new Label("Old"),
                oldValue,
                new Label("New"),
                newValue,
                generate);
        values.setAlignment(Pos.CENTER_LEFT);

        HBox buttons = new HBox(8);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (Command command : Command.values()) {
            Button button = new Button(command.label());
            button.setId("rotation" + command.name().charAt(0)
                    + command.name().substring(1).toLowerCase(Locale.ROOT));
            button.setOnAction(e -> vm.run(command));
            buttons.getChildren()
                    .add(Guarded.button(
                            button, vm.guard(), vm.enabledProperty(command).not()));
        }

        Label stage = new Label();
        stage.setId("rotationStage");
        stage.setWrapText(true);
        stage.textProperty().bind(vm.stageTextProperty());
        Label instruction = new Label();
        instruction.setId("rotationInstruction");
        instruction.setWrapText(true);
        instruction.getStyleClass().add("confirm");
        instruction.textProperty().bind(vm.instructionProperty());
        instruction.visibleProperty().bind(instruction.textProperty().isNotEmpty());
        instruction.managedProperty().bind(instruction.visibleProperty());

        TableView<Part> table = new TableView<>(vm.parts());
        table.setId("rotationParts");
        table.getColumns()
                .setAll(List.of(
                        column("Kind", Part::kind, 80),
                        column("Name", Part::name, 380),
                        column("Where it stands", Part::status, 420)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No listener requires the header"));
        table.setPrefHeight(150);

        Label message = Messages.label(
                "rotationMessage",
                vm.messageProperty(),
                RemediationViewModel.Message::text,
                m -> m.tone() == RemediationViewModel.Tone.SUCCESS,
                m -> m.tone() == RemediationViewModel.Tone.ERROR);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        VBox content = new VBox(
                8,
                values,
                stage,
                instruction,
                table,
                Guarded.nameField(vm.guard(), "rotationConfirmName"),
                buttons,
                message);
        content.setPadding(new Insets(10));
        content.setId("rotationPane");
        return content;
    }
}
