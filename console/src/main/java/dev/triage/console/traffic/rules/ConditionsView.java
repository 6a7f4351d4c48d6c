package dev.triage.console.traffic.rules;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The form's conditions: one row per condition, a button per type to add one, the rule-wide problems. */
final class ConditionsView {

    private ConditionsView() {}

    static Node create(RuleForm form) {
        VBox rows = new VBox(6);
        rows.setId("conditionRows");
        Runnable layout = () -> {
            rows.getChildren().clear();
            for (int i = 0; i < form.conditions().size(); i++) {
                rows.getChildren().add(row(form, form.conditions().get(i), i));
            }
        };
        layout.run();
        form.conditions().addListener((ListChangeListener<ConditionForm>) change -> {
            layout.run();
            while (change.next()) {
                if (change.wasAdded()) {
                    Node values = rows.lookup("#conditionValues-" + change.getFrom());
                    if (values != null) {
                        values.requestFocus();
                    }
                }
            }
        });
        HBox add = new HBox(6, new Label("Add condition:"));
        add.setAlignment(Pos.CENTER_LEFT);
        for (ConditionType type : ConditionType.values()) {
            Button button = new Button(type.field());
            button.setId("add-" + type.field());
            button.getStyleClass().add("small");
            button.setOnAction(e -> form.addCondition(type));
            add.getChildren().add(button);
        }
        Label heading = new Label("When all of these match (values within a condition: any of them)");
        return new VBox(
                6, heading, rows, Fields.problem("ruleConditionsProblem", form.conditionsProblemProperty()), add);
    }

    private static Node row(RuleForm form, ConditionForm condition, int index) {
        ComboBox<ConditionType> type = new ComboBox<>();
        type.getItems().setAll(ConditionType.values());
        type.setId("conditionType-" + index);
        type.valueProperty().bindBidirectional(condition.typeProperty());
        TextField name = Fields.text("conditionName-" + index, condition.nameProperty(), 12);
        name.setPromptText("header name");
        name.visibleProperty().bind(condition.typeProperty().map(ConditionType::hasName));
        name.managedProperty().bind(name.visibleProperty());
        TextField values = Fields.text("conditionValues-" + index, condition.valuesProperty(), 28);
        values.promptTextProperty().bind(condition.typeProperty().map(ConditionType::prompt));
        HBox.setHgrow(values, Priority.ALWAYS);
        Button remove = new Button("Remove");
        remove.setId("conditionRemove-" + index);
        remove.getStyleClass().add("small");
        remove.setOnAction(e -> form.removeCondition(condition));
        HBox line = new HBox(8, type, name, values, remove);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(
                2,
                line,
                Fields.problem("conditionNameProblem-" + index, condition.nameProblemProperty()),
                Fields.problem("conditionProblem-" + index, condition.valuesProblemProperty()));
    }
}
