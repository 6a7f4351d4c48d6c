package dev.triage.console.traffic.rules;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.HttpHeader;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One condition row of the editor: its type, the header name (http-header only) and the values,
 * and the problems the domain record finds with them (the name's next to the name, the rest next
 * to the values).
 */
final class ConditionForm {

    static final String NAME = "http-header name";

    private final ObjectProperty<ConditionType> type;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty values = new SimpleStringProperty("");
    private final FieldProblems problems = new FieldProblems(NAME);

    ConditionForm(ConditionType type) {
        this.type = new SimpleObjectProperty<>(requireNonNull(type, "type"));
    }

    /** A row holding an existing condition. */
    static ConditionForm of(Condition condition) {
        ConditionForm form = new ConditionForm(ConditionType.of(condition));
        if (condition instanceof HttpHeader header) {
            form.name.set(header.name());
        }
        form.values.set(ValueList.join(ConditionType.values(condition)));
        return form;
    }

    /** Calls {@code edited} after every change to the row. */
    void onEdit(Runnable edited) {
        type.addListener((obs, was, now) -> edited.run());
        name.addListener((obs, was, now) -> edited.run());
        values.addListener((obs, was, now) -> edited.run());
    }

    /** The condition, or empty with the problems shown next to the fields. */
    Optional<Condition> build() {
        ConditionType chosen = type.get() == null ? ConditionType.PATH_PATTERN : type.get();
        try {
            Condition condition = chosen.build(name.get(), ValueList.split(values.get()));
            problems.clear();
            return Optional.of(condition);
        } catch (CoreException.Invalid e) {
            problems.show(e.problems());
            return Optional.empty();
        }
    }

    ObjectProperty<ConditionType> typeProperty() {
        return type;
    }

    StringProperty nameProperty() {
        return name;
    }

    StringProperty valuesProperty() {
        return values;
    }

    ReadOnlyStringProperty nameProblemProperty() {
        return problems.of(NAME);
    }

    ReadOnlyStringProperty valuesProblemProperty() {
        return problems.of(FieldProblems.GENERAL);
    }

    List<String> shownProblems() {
        return List.of(nameProblemProperty().get(), valuesProblemProperty().get()).stream()
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
