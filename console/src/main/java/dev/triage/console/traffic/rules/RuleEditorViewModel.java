package dev.triage.console.traffic.rules;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.WriteGuard;
import dev.triage.console.fx.ApplyStep;
import dev.triage.console.fx.Messages;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Protocol;
import dev.triage.core.domain.Rule;
import dev.triage.core.domain.RulePriority;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The rule editor: a form for a new rule on a listener, a numbered rule, or the default rule's
 * action, validated as the user types; a preview of the plan ({@link PlanPreview}) once the form is
 * valid; apply through {@link ChangeApplier} behind the connection's {@link WriteGuard}. Knows no
 * Node; every blocking call goes through {@link Tasks}. The feature's entry point, with {@link
 * RuleEditorView}.
 */
public final class RuleEditorViewModel {

    /** A target group of the rule's load balancer, offered to a forward action. */
    public record Group(String name, String arn) {
        public Group {
            requireNonNull(name, "name");
            requireNonNull(arn, "arn");
        }
    }

    /**
     * What the editor edits: a listener (its protocol, and its rules as last read for the priority
     * check), the load balancer's target groups, and the rule, or null for a new one.
     */
    public record Context(
            String listenerArn,
            String listenerLabel,
            Protocol protocol,
            List<Rule> listenerRules,
            List<Group> groups,
            Rule rule) {
        public Context {
            requireNonNull(listenerArn, "listenerArn");
            requireNonNull(listenerLabel, "listenerLabel");
            requireNonNull(protocol, "protocol");
            listenerRules = List.copyOf(listenerRules);
            groups = List.copyOf(groups);
        }

        /** The lowest priority no rule of the listener holds, other than the one edited. */
        int lowestFreePriority() {
            Set<RulePriority> taken = listenerRules.stream()
                    .filter(r -> rule == null || !r.arn().equals(rule.arn()))
                    .map(Rule::priority)
                    .collect(Collectors.toSet());
            for (int p = RulePriority.MIN; p <= RulePriority.MAX; p++) {
                if (!taken.contains(RulePriority.of(p))) {
                    return p;
                }
            }
            return RulePriority.MAX;
        }
    }

    /** A planned change waiting for confirmation. */
    public record Pending(String title, String preview, ChangePlan plan) {}

    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final Tasks tasks;
    private final String actor;
    private final WriteGuard guard;
    private final Consumer<AuditEntry> applied;
    private final ObjectProperty<RuleForm> form = new SimpleObjectProperty<>();
    private final BooleanProperty open = new SimpleBooleanProperty();
    private final BooleanProperty valid = new SimpleBooleanProperty();
    private final ObjectProperty<Pending> pending = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ApplyStep applying;
    private Tasks.Handle planning;
    private long planSequence;

    /**
     * @param guard the screen's write guard (read-only refuses, protected asks for the name)
     * @param applied runs on the FX thread with the journal entry once a change was applied
     */
    public RuleEditorViewModel(
            ChangePlanner planner,
            ChangeApplier applier,
            Tasks tasks,
            String actor,
            WriteGuard guard,
            Consumer<AuditEntry> applied) {
        this.planner = requireNonNull(planner, "planner");
        this.applier = requireNonNull(applier, "applier");
        this.tasks = requireNonNull(tasks, "tasks");
        this.actor = requireNonNull(actor, "actor");
        this.guard = requireNonNull(guard, "guard");
        this.applied = requireNonNull(applied, "applied");
        this.applying = new ApplyStep(tasks, guard, busy, pending, message::set, message::set);
        open.bind(form.isNotNull());
    }

    /** Opens the form on {@code context}: a new rule when its rule is null. */
    public void open(Context context) {
        requireNonNull(context, "context");
        dropPending();
        message.set("");
        RuleForm[] opened = new RuleForm[1];
        opened[0] = new RuleForm(context, () -> edited(opened[0]));
        form.set(opened[0]);
        valid.set(opened[0].draftProperty().get() != null);
    }

    public void close() {
        dropPending();
        guard.clear();
        form.set(null);
        message.set("");
    }

    private void edited(RuleForm edited) {
        if (edited == null || edited != form.get()) {
            return;
        }
        valid.set(edited.draftProperty().get() != null);
        dropPending();
    }

    /** Plans the valid form's change and shows its preview for confirmation. */
    public void preview() {
        RuleForm current = form.get();
        RuleForm.Draft draft = current == null ? null : current.draftProperty().get();
        if (draft == null) {
            message.set("Fix the problems shown next to the fields first.");
            return;
        }
        dropPending();
        long sequence = planSequence;
        String title = title(current, draft);
        message.set("");
        planning = tasks.run(
                "plan rule",
                plan(current, draft),
                plan -> {
                    if (sequence == planSequence && current == form.get()) {
                        pending.set(new Pending(title, PlanPreview.text(plan), plan));
                    }
                },
                failure -> {
                    if (sequence == planSequence) {
                        message.set("Not planned: " + Messages.reason(failure));
                    }
                });
    }

    private Callable<ChangePlan> plan(RuleForm current, RuleForm.Draft draft) {
        Context context = current.context();
        List<dev.triage.core.domain.Action> actions = List.of(draft.action());
        return switch (current.mode()) {
            case NEW -> () -> planner.createRule(context.listenerArn(), draft.priority(), draft.conditions(), actions);
            case EDIT -> () -> planner.editRule(context.rule().arn(), draft.priority(), draft.conditions(), actions);
            case DEFAULT_ACTION -> () -> planner.modifyRule(context.rule().arn(), List.of(), actions);
        };
    }

    private static String title(RuleForm current, RuleForm.Draft draft) {
        String listener = current.context().listenerLabel();
        return switch (current.mode()) {
            case NEW -> "Add rule " + draft.priority().text() + " to " + listener;
            case EDIT -> "Edit rule " + current.context().rule().priority().text() + " on " + listener;
            case DEFAULT_ACTION -> "Change the default action of " + listener;
        };
    }

    /** Applies the previewed change; the editor closes once it was applied. */
    public void confirm() {
        Pending change = pending.get();
        if (change == null) {
            return;
        }
        applying.run(
                "apply rule",
                change.title(),
                () -> applier.apply(
                        change.plan(), actor, "console: " + change.title().toLowerCase(Locale.ROOT)),
                entry -> {
                    form.set(null);
                    message.set("");
                    applied.accept(entry);
                },
                failure -> message.set("Not applied: " + Messages.reason(failure)));
    }

    /** Drops the previewed change; the form stays open. */
    public void cancel() {
        dropPending();
        guard.clear();
    }

    private void dropPending() {
        if (planning != null) {
            planning.cancel();
            planning = null;
        }
        planSequence++;
        if (!busy.get()) {
            pending.set(null);
        }
    }

    ReadOnlyObjectProperty<RuleForm> formProperty() {
        return form;
    }

    /** True while the editor is open. */
    public ReadOnlyBooleanProperty openProperty() {
        return open;
    }

    /** True while the form builds a valid rule; Preview (and so Apply) is disabled otherwise. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid;
    }

    public ReadOnlyObjectProperty<Pending> pendingProperty() {
        return pending;
    }

    /** Planning and apply failures, where the user acted. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public WriteGuard guard() {
        return guard;
    }
}
