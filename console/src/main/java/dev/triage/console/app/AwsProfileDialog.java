package dev.triage.console.app;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.AwsChoice;
import dev.triage.console.connection.WritePolicy;
import dev.triage.console.fx.Tasks;
import dev.triage.core.aws.context.ProfileSummary;
import dev.triage.core.aws.context.Profiles;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Connection > AWS profile ...: a profile of ~/.aws/config, its region and mode. Lays out and binds only. */
final class AwsProfileDialog {

    private AwsProfileDialog() {}

    /** Shows the dialog (the profiles load in the background); empty when cancelled. */
    static Optional<AwsChoice> ask(Window owner, Settings settings, Tasks tasks, String lastProfile) {
        requireNonNull(settings, "settings");
        AwsProfileModel model = new AwsProfileModel(settings);
        tasks.run(
                "read aws profiles",
                Profiles::list,
                list -> model.profiles(list, lastProfile),
                failure -> model.failed(failure.getMessage() == null ? failure.toString() : failure.getMessage()));

        ListView<ProfileSummary> list = new ListView<>(model.profiles());
        list.setId("awsProfiles");
        list.setPrefHeight(220);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ProfileSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : AwsProfileModel.label(item));
            }
        });
        model.selectedProperty().subscribe(p -> {
            if (p != null && list.getSelectionModel().getSelectedItem() != p) {
                list.getSelectionModel().select(p);
            }
        });
        list.getSelectionModel().selectedItemProperty().subscribe(p -> {
            if (p != null) {
                model.selectedProperty().set(p);
            }
        });
        TextField region = new TextField();
        region.setId("awsRegion");
        region.setPromptText("the profile's region");
        region.textProperty().bindBidirectional(model.regionProperty());
        ChoiceBox<WritePolicy.Mode> mode = new ChoiceBox<>();
        mode.setId("awsMode");
        mode.getItems().setAll(WritePolicy.Mode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(WritePolicy.Mode m) {
                return m == null
                        ? ""
                        : switch (m) {
                            case NORMAL -> "normal";
                            case READ_ONLY -> "read-only (writes disabled)";
                            case PROTECTED -> "protected (type its name to write)";
                        };
            }

            @Override
            public WritePolicy.Mode fromString(String s) {
                return WritePolicy.Mode.parse(s);
            }
        });
        mode.valueProperty().bindBidirectional(model.modeProperty());
        TextField agents = new TextField();
        agents.setId("awsAgents");
        agents.setPromptText("optional: a fleet file listing the agents");
        agents.textProperty().bindBidirectional(model.agentsProperty());
        GridPane form = new GridPane(8, 8);
        form.addRow(0, new Label("Region"), region);
        form.addRow(1, new Label("Mode"), mode);
        form.addRow(2, new Label("Agents"), agents);
        Label problem = new Label();
        problem.setId("awsProblem");
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(model.problemProperty());
        Label note =
                new Label("Credentials stay in ~/.aws; the console remembers only each profile's mode and region.");
        note.setWrapText(true);

        Dialog<AwsChoice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Open an AWS profile");
        dialog.setHeaderText("Profiles of ~/.aws/config (SSO profiles marked)");
        ButtonType open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(open, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(new VBox(10, list, form, problem, note));
        dialog.getDialogPane().setPrefWidth(560);
        dialog.getDialogPane()
                .lookupButton(open)
                .disableProperty()
                .bind(model.problemProperty().isNotEmpty());
        dialog.setResultConverter(button -> button == open ? model.choose() : null);
        return dialog.showAndWait();
    }
}
