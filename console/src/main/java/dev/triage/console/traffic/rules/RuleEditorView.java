package dev.triage.console.traffic.rules;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ConfirmPane;
import dev.triage.console.fx.Guarded;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Lays out and binds the rule editor; all state and commands are in {@link RuleEditorViewModel}. */
public final class RuleEditorView {

    private RuleEditorView() {}

    /** The editor's node, shown while the editor is open; node ids double as the UI tests' selectors. */
    public static Node create(RuleEditorViewModel vm) {
        requireNonNull(vm, "vm");
        VBox body = new VBox(8);
        body.setPadding(new Insets(4));
        vm.formProperty().subscribe(form -> body.getChildren().setAll(form == null ? List.of() : form(form)));

        Button preview = new Button("Preview");
        preview.setId("rulePreviewButton");
        preview.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        preview.setOnAction(e -> vm.preview());
        Button close = new Button("Close");
        close.setId("ruleCloseButton");
        close.disableProperty().bind(vm.busyProperty());
        close.setOnAction(e -> vm.close());
        HBox buttons = new HBox(8, Guarded.button(preview, vm.guard(), vm.busyProperty()), close);

        VBox confirm = ConfirmPane.build(
                ConfirmPane.Spec.ids(
                                "ruleConfirmPane",
                                "rulePlanPreview",
                                "ruleConfirmName",
                                "ruleApplyButton",
                                "ruleCancelButton")
                        .previewRows(6),
                vm.pendingProperty(),
                RuleEditorViewModel.Pending::title,
                RuleEditorViewModel.Pending::preview,
                vm::confirm,
                vm::cancel,
                vm.guard(),
                vm.busyProperty());
        confirm.setMinHeight(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("ruleEditorMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox root = new VBox(10, scroll, buttons, confirm, message);
        root.setId("ruleEditor");
        root.setPadding(new Insets(8));
        root.visibleProperty().bind(vm.openProperty());
        root.managedProperty().bind(root.visibleProperty());
        return root;
    }

    private static List<Node> form(RuleForm form) {
        Label heading = new Label(heading(form));
        heading.getStyleClass().add("preview-title");
        TextField priority = Fields.text("rulePriority", form.priorityProperty(), 6);
        Node priorityLine = Fields.labelled(
                "Priority", priority, Fields.problem("rulePriorityProblem", form.priorityProblemProperty()));
        if (form.mode() == RuleForm.Mode.DEFAULT_ACTION) {
            return List.of(
                    heading,
                    new Label("The default rule answers what no other rule matched: only its action changes."),
                    ActionView.create(form.action()));
        }
        return List.of(
                heading, priorityLine, ConditionsView.create(form), new Separator(), ActionView.create(form.action()));
    }

    private static String heading(RuleForm form) {
        RuleEditorViewModel.Context context = form.context();
        return switch (form.mode()) {
            case NEW -> "New rule on " + context.listenerLabel();
            case EDIT -> "Rule " + context.rule().priority().text() + " on " + context.listenerLabel();
            case DEFAULT_ACTION -> "The default rule of " + context.listenerLabel();
        };
    }
}
