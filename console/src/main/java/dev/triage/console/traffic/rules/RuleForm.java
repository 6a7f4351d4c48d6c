package dev.triage.console.traffic.rules;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Forward;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rule being edited: priority, conditions and action, validated after every edit by building
 * the domain records (their messages, shown next to the fields they concern) and by checking the
 * priority against the listener's other rules. {@link #draftProperty()} holds what the form builds,
 * or null while anything is invalid.
 */
final class RuleForm {

    /** What is being edited: a new rule, a numbered rule, or the default rule's action only. */
    enum Mode {
        NEW,
        EDIT,
        DEFAULT_ACTION
    }

    /** What a valid form builds. */
    record Draft(RulePriority priority, List<Condition> conditions, Action action) {}

    private static final Action PLACEHOLDER = Forward.to("placeholder");

    private final RuleEditorViewModel.Context context;
    private final Runnable edited;
    private final StringProperty priority = new SimpleStringProperty("");
    private final StringProperty priorityProblem = new SimpleStringProperty("");
    private final ObservableList<ConditionForm> conditions = FXCollections.observableArrayList();
    private final StringProperty conditionsProblem = new SimpleStringProperty("");
    private final ActionForm action;
    private final ObjectProperty<Draft> draft = new SimpleObjectProperty<>();
    private long edits;

    /** A form for {@code context}'s rule (or a new one); {@code edited} runs after each validation. */
    RuleForm(RuleEditorViewModel.Context context, Runnable edited) {
        this.context = requireNonNull(context, "context");
        this.edited = requireNonNull(edited, "edited");
        this.action = new ActionForm(context.groups(), context.protocol());
        Rule rule = context.rule();
        if (rule == null) {
            priority.set(Integer.toString(context.lowestFreePriority()));
            conditions.add(new ConditionForm(ConditionType.PATH_PATTERN));
        } else {
            priority.set(rule.priority().text());
            rule.conditions().forEach(c -> conditions.add(ConditionForm.of(c)));
            action.load(rule.action());
        }
        conditions.forEach(c -> c.onEdit(this::validate));
        priority.addListener((obs, was, now) -> validate());
        action.onEdit(this::validate);
        validate();
    }

    Mode mode() {
        Rule rule = context.rule();
        return rule == null ? Mode.NEW : rule.isDefault() ? Mode.DEFAULT_ACTION : Mode.EDIT;
    }

    RuleEditorViewModel.Context context() {
        return context;
    }

    void addCondition(ConditionType type) {
        ConditionForm row = new ConditionForm(type);
        row.onEdit(this::validate);
        conditions.add(row);
        validate();
    }

    void removeCondition(ConditionForm row) {
        if (conditions.remove(row)) {
            validate();
        }
    }

    /** Validates everything again; every edit calls it. */
    void validate() {
        Optional<RulePriority> checkedPriority = checkPriority();
        List<Condition> built = new ArrayList<>();
        boolean conditionsOk = true;
        for (ConditionForm row : conditions) {
            Optional<Condition> condition = row.build();
            condition.ifPresent(built::add);
            conditionsOk &= condition.isPresent();
        }
        Optional<Action> chosen = action.build();
        boolean ruleOk = conditionsOk && checkRule(checkedPriority, built, chosen);
        edits++;
        draft.set(
                ruleOk && checkedPriority.isPresent() && chosen.isPresent()
                        ? new Draft(checkedPriority.get(), List.copyOf(built), chosen.get())
                        : null);
        edited.run();
    }

    private Optional<RulePriority> checkPriority() {
        if (mode() == Mode.DEFAULT_ACTION) {
            priorityProblem.set("");
            return Optional.of(RulePriority.DEFAULT);
        }
        Optional<String> problem = Priorities.problem(priority.get(), context);
        priorityProblem.set(problem.orElse(""));
        return problem.isPresent() ? Optional.empty() : Priorities.parse(priority.get());
    }

    /** ALB's checks across the rule's conditions (once per type, 5 values, 5 wildcards, at least one). */
    private boolean checkRule(Optional<RulePriority> checked, List<Condition> built, Optional<Action> chosen) {
        try {
            new Rule(
                    "draft",
                    context.listenerArn(),
                    checked.orElse(mode() == Mode.DEFAULT_ACTION ? RulePriority.DEFAULT : RulePriority.of(1)),
                    built,
                    List.of(chosen.orElse(PLACEHOLDER)));
            conditionsProblem.set("");
            return true;
        } catch (CoreException.Invalid e) {
            conditionsProblem.set(String.join("\n", e.problems()));
            return false;
        }
    }

    /** How many times the form was validated (each edit once). */
    long edits() {
        return edits;
    }

    StringProperty priorityProperty() {
        return priority;
    }

    ReadOnlyStringProperty priorityProblemProperty() {
        return priorityProblem;
    }

    ObservableList<ConditionForm> conditions() {
        return conditions;
    }

    ReadOnlyStringProperty conditionsProblemProperty() {
        return conditionsProblem;
    }

    ActionForm action() {
        return action;
    }

    ReadOnlyObjectProperty<Draft> draftProperty() {
        return draft;
    }
}
