package dev.triage.console.traffic.rules;

import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The editor's small building blocks: a labelled field with its problem shown under it. */
final class Fields {

    private Fields() {}

    /** A text field with id {@code id}, bound both ways to {@code value}. */
    static TextField text(String id, Property<String> value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** A red line with id {@code id} showing {@code problem}; takes no room while empty. */
    static Label problem(String id, ObservableValue<String> problem) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("error-text");
        label.textProperty().bind(problem);
        label.visibleProperty().bind(problem.map(p -> !p.isEmpty()).orElse(false));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** "caption [control]" on a line, with the problem under it. */
    static VBox labelled(String caption, Node control, Label problem) {
        Label label = new Label(caption);
        label.setMinWidth(110);
        HBox line = new HBox(8, label, control);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, line, problem);
    }
}
