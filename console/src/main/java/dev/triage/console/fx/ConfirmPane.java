package dev.triage.console.fx;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.WriteGuard;
import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The pane where a previewed change is confirmed: its title, the read-only plan, the protected
 * profile's name field, and the guarded Apply and Cancel buttons; shown only while a change is
 * pending.
 */
public final class ConfirmPane {

    private ConfirmPane() {}

    /**
     * The node ids the pane's parts carry (the UI tests look them up), the Apply button's text, how
     * many rows the preview shows, and whether Escape cancels.
     */
    public record Spec(
            String paneId,
            String previewId,
            String nameId,
            String applyId,
            String cancelId,
            String applyText,
            int previewRows,
            boolean escapeCancels) {

        public Spec {
            requireNonNull(paneId, "paneId");
            requireNonNull(previewId, "previewId");
            requireNonNull(nameId, "nameId");
            requireNonNull(applyId, "applyId");
            requireNonNull(cancelId, "cancelId");
            requireNonNull(applyText, "applyText");
            if (previewRows < 1) {
                throw new IllegalArgumentException("previewRows: " + previewRows + " (expected: 1 or more)");
            }
        }

        /** The given ids with an "Apply" button, five preview rows, and Escape cancelling. */
        public static Spec ids(String paneId, String previewId, String nameId, String applyId, String cancelId) {
            return new Spec(paneId, previewId, nameId, applyId, cancelId, "Apply", 5, true);
        }

        public Spec applyText(String text) {
            return new Spec(paneId, previewId, nameId, applyId, cancelId, text, previewRows, escapeCancels);
        }

        public Spec previewRows(int rows) {
            return new Spec(paneId, previewId, nameId, applyId, cancelId, applyText, rows, escapeCancels);
        }

        public Spec escapeCancels(boolean cancels) {
            return new Spec(paneId, previewId, nameId, applyId, cancelId, applyText, previewRows, cancels);
        }
    }

    /**
     * Builds the pane: visible while {@code pending} holds a change, whose {@code title} (with a
     * question mark) and {@code preview} it shows; Apply runs {@code apply} and is disabled while
     * {@code busy} or read-only; Cancel runs {@code cancel}.
     */
    public static <P> VBox build(
            Spec spec,
            ObservableValue<P> pending,
            Function<? super P, String> title,
            Function<? super P, String> preview,
            Runnable apply,
            Runnable cancel,
            WriteGuard guard,
            ObservableBooleanValue busy) {
        requireNonNull(spec, "spec");
        requireNonNull(pending, "pending");
        requireNonNull(title, "title");
        requireNonNull(preview, "preview");
        requireNonNull(apply, "apply");
        requireNonNull(cancel, "cancel");
        Label heading = new Label();
        heading.getStyleClass().add("preview-title");
        TextArea plan = new TextArea();
        plan.setId(spec.previewId());
        plan.setEditable(false);
        plan.setWrapText(true);
        plan.setPrefRowCount(spec.previewRows());
        plan.getStyleClass().add("plan");
        Button applyButton = new Button(spec.applyText());
        applyButton.setId(spec.applyId());
        applyButton.setDefaultButton(true);
        applyButton.getStyleClass().add("accent");
        applyButton.setOnAction(e -> apply.run());
        Button cancelButton = new Button("Cancel");
        cancelButton.setId(spec.cancelId());
        cancelButton.setCancelButton(spec.escapeCancels());
        cancelButton.setOnAction(e -> cancel.run());
        VBox pane = new VBox(
                6,
                heading,
                plan,
                Guarded.nameField(guard, spec.nameId()),
                new HBox(8, Guarded.button(applyButton, guard, busy), cancelButton));
        pane.setId(spec.paneId());
        pane.getStyleClass().add("confirm");
        pane.visibleProperty().bind(pending.map(p -> true).orElse(false));
        pane.managedProperty().bind(pane.visibleProperty());
        pending.subscribe(p -> {
            heading.setText(p == null ? "" : title.apply(p) + "?");
            plan.setText(p == null ? "" : preview.apply(p));
        });
        return pane;
    }
}
