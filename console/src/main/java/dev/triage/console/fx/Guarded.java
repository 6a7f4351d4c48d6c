package dev.triage.console.fx;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.WriteGuard;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * The views' side of a {@link WriteGuard}: write buttons disabled in read-only mode with a tooltip
 * saying why (on a wrapper, since a disabled control shows no tooltip), and the field where a
 * protected profile's name is typed to confirm.
 */
public final class Guarded {

    private Guarded() {}

    /**
     * Disables {@code button} while {@code busy} or while the guard is read-only; returns the node
     * to lay out in its place (the button in a wrapper that carries the read-only tooltip).
     */
    public static Node button(ButtonBase button, WriteGuard guard, ObservableBooleanValue busy) {
        requireNonNull(button, "button");
        requireNonNull(guard, "guard");
        requireNonNull(busy, "busy");
        button.disableProperty().bind(guard.writableProperty().not().or(busy));
        StackPane wrapper = new StackPane(button);
        wrapper.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        Tooltip why = new Tooltip();
        why.textProperty().bind(guard.whyReadOnlyProperty());
        guard.writableProperty().subscribe(writable -> {
            if (writable) {
                Tooltip.uninstall(wrapper, why);
            } else {
                Tooltip.install(wrapper, why);
            }
        });
        return wrapper;
    }

    /** The field for a protected profile's name, shown only in protected mode. */
    public static TextField nameField(WriteGuard guard, String id) {
        requireNonNull(guard, "guard");
        TextField field = new TextField();
        field.setId(requireNonNull(id, "id"));
        field.textProperty().bindBidirectional(guard.typedProperty());
        field.promptTextProperty().bind(guard.promptProperty());
        field.visibleProperty().bind(guard.needsNameProperty());
        field.managedProperty().bind(field.visibleProperty());
        field.setMaxWidth(320);
        return field;
    }
}
