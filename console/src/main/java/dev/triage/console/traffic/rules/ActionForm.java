package dev.triage.console.traffic.rules;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.FixedResponse;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Redirect;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The rule's one action: which of the three, and each one's fields. */
final class ActionForm {

    /** The three actions that end a rule. */
    enum Type {
        FORWARD("forward"),
        REDIRECT("redirect"),
        FIXED_RESPONSE("fixed-response");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final ObjectProperty<Type> type = new SimpleObjectProperty<>(Type.FORWARD);
    private final ForwardForm forward;
    private final RedirectForm redirect;
    private final FixedResponseForm fixed = new FixedResponseForm();

    ActionForm(List<RuleEditorViewModel.Group> groups, Protocol listenerProtocol) {
        this.forward = new ForwardForm(groups);
        this.redirect = new RedirectForm(listenerProtocol);
    }

    void load(Action action) {
        switch (action) {
            case Forward f -> {
                forward.load(f);
                type.set(Type.FORWARD);
            }
            case Redirect r -> {
                redirect.load(r);
                type.set(Type.REDIRECT);
            }
            case FixedResponse f -> {
                fixed.load(f);
                type.set(Type.FIXED_RESPONSE);
            }
        }
    }

    void onEdit(Runnable edited) {
        type.addListener((obs, was, now) -> edited.run());
        forward.onEdit(edited);
        redirect.onEdit(edited);
        fixed.onEdit(edited);
    }

    /** The chosen action, or empty with its problems shown next to its fields. */
    Optional<Action> build() {
        return switch (type.get()) {
            case FORWARD -> forward.build().map(Action.class::cast);
            case REDIRECT -> redirect.build().map(Action.class::cast);
            case FIXED_RESPONSE -> fixed.build().map(Action.class::cast);
        };
    }

    ObjectProperty<Type> typeProperty() {
        return type;
    }

    ForwardForm forward() {
        return forward;
    }

    RedirectForm redirect() {
        return redirect;
    }

    FixedResponseForm fixed() {
        return fixed;
    }
}
