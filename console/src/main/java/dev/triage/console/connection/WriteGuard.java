package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A ViewModel's side of the connection's {@link WritePolicy}: the policy, what the user typed in the
 * confirm step, and the check every apply path runs first. Knows no Node; the views bind to it.
 */
public final class WriteGuard {

    private final ObjectProperty<WritePolicy> policy = new SimpleObjectProperty<>(WritePolicy.NORMAL);
    private final StringProperty typed = new SimpleStringProperty("");
    private final BooleanBinding writable =
            Bindings.createBooleanBinding(() -> policy.get().writable(), policy);
    private final BooleanBinding needsName =
            Bindings.createBooleanBinding(() -> policy.get().needsTypedName(), policy);
    private final StringBinding whyReadOnly =
            Bindings.createStringBinding(() -> policy.get().whyReadOnly(), policy);
    private final StringBinding prompt = Bindings.createStringBinding(
            () -> policy.get().needsTypedName() ? "Type " + policy.get().name() + " to confirm" : "", policy);

    public void policy(WritePolicy newPolicy) {
        policy.set(requireNonNull(newPolicy, "newPolicy"));
        typed.set("");
    }

    public WritePolicy policy() {
        return policy.get();
    }

    public ReadOnlyObjectProperty<WritePolicy> policyProperty() {
        return policy;
    }

    /** What the user typed to confirm (protected mode); cleared after each attempt. */
    public StringProperty typedProperty() {
        return typed;
    }

    public BooleanBinding writableProperty() {
        return writable;
    }

    public BooleanBinding needsNameProperty() {
        return needsName;
    }

    /** Why writes are disabled, for tooltips; empty when they are not. */
    public StringBinding whyReadOnlyProperty() {
        return whyReadOnly;
    }

    /** "Type prod to confirm" in protected mode; empty otherwise. */
    public StringBinding promptProperty() {
        return prompt;
    }

    /**
     * The check before a write: why it must not go ahead, or empty. The typed name is cleared either
     * way, so every write is confirmed anew.
     */
    public Optional<String> refusal() {
        Optional<String> why = policy.get().refusal(typed.get());
        typed.set("");
        return why;
    }

    /** Forgets what was typed (on cancel). */
    public void clear() {
        typed.set("");
    }
}
