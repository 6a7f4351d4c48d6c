package dev.triage.console.fx;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** The label under a view's actions that says what happened, green on success and red on error. */
public final class Messages {

    private static final String SUCCESS = "success-text";
    private static final String ERROR = "error-text";

    private Messages() {}

    /**
     * A wrapping label with id {@code id} that shows each {@code message}'s {@code text}, styled
     * {@code success-text} when {@code success} holds and {@code error-text} when {@code error} holds.
     */
    public static <M> Label label(
            String id,
            ObservableValue<M> message,
            Function<? super M, String> text,
            Predicate<? super M> success,
            Predicate<? super M> error) {
        requireNonNull(message, "message");
        requireNonNull(text, "text");
        requireNonNull(success, "success");
        requireNonNull(error, "error");
        Label label = new Label();
        label.setId(requireNonNull(id, "id"));
        label.setWrapText(true);
        message.subscribe(m -> {
            label.setText(text.apply(m));
            label.getStyleClass().removeAll(SUCCESS, ERROR);
            if (success.test(m)) {
                label.getStyleClass().add(SUCCESS);
            } else if (error.test(m)) {
                label.getStyleClass().add(ERROR);
            }
        });
        return label;
    }

    /**
     * Why something failed, in the words the user reads where they acted: the message of the failure inside an
     * ExecutionException or CompletionException (a core error's message names the problem and what was expected),
     * or the failure's kind when it has no message.
     */
    public static String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.ExecutionException
                        || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
