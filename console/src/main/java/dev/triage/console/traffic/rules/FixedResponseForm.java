package dev.triage.console.traffic.rules;

import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.FixedResponse;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The fixed-response action's fields: status, content type and body. */
final class FixedResponseForm {

    static final String STATUS = "statusCode";
    static final String CONTENT_TYPE = "contentType";
    static final String BODY = "messageBody";

    /** The content types offered; "none" sends no Content-Type. */
    static final List<String> CONTENT_TYPES =
            List.of("text/plain", "text/html", "text/css", "application/json", "application/javascript", "none");

    private final StringProperty status = new SimpleStringProperty("503");
    private final ObjectProperty<String> contentType = new SimpleObjectProperty<>("text/plain");
    private final StringProperty body = new SimpleStringProperty("");
    private final FieldProblems problems = new FieldProblems(STATUS, CONTENT_TYPE, BODY);

    void load(FixedResponse action) {
        status.set(Integer.toString(action.statusCode()));
        contentType.set(action.contentType() == null ? "none" : action.contentType());
        body.set(action.messageBody() == null ? "" : action.messageBody());
    }

    void onEdit(Runnable edited) {
        status.addListener((obs, was, now) -> edited.run());
        contentType.addListener((obs, was, now) -> edited.run());
        body.addListener((obs, was, now) -> edited.run());
    }

    Optional<FixedResponse> build() {
        Optional<Integer> code = Numbers.parse(status.get());
        if (code.isEmpty()) {
            problems.show(List.of(STATUS + ": '" + status.get() + "' (expected: 200..299, 400..499 or 500..599)"));
            return Optional.empty();
        }
        String type = contentType.get() == null || contentType.get().equals("none") ? null : contentType.get();
        String text = body.get() == null || body.get().isEmpty() ? null : body.get();
        try {
            FixedResponse action = new FixedResponse(code.get(), type, text);
            problems.clear();
            return Optional.of(action);
        } catch (CoreException.Invalid e) {
            problems.show(e.problems());
            return Optional.empty();
        }
    }

    StringProperty statusProperty() {
        return status;
    }

    ObjectProperty<String> contentTypeProperty() {
        return contentType;
    }

    StringProperty bodyProperty() {
        return body;
    }

    FieldProblems problems() {
        return problems;
    }
}
