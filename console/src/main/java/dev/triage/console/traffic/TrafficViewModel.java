package dev.triage.console.traffic;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ApplyStep;
import dev.triage.console.fx.Messages;
import dev.triage.console.fx.Tasks;
import dev.triage.console.traffic.rules.RuleEditorViewModel;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.JournalEntry;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.TargetGroup;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.CdnHeaderRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The traffic screen's state and commands: the rules, target groups and history as last read; a
 * shift of one forward rule (share to a target group, planned, previewed, confirmed, applied and
 * verified through core's change path); undo of a journal entry through the same path. Knows no
 * Node; every blocking call goes through {@link Tasks}.
 */
public final class TrafficViewModel {

    /** The presets of the one-click shift, in percent. */
    public static final List<Integer> PRESETS = List.of(0, 1, 5, 25, 50, 100);

    /** The usual destination of a strangler-fig shift; chosen by default when a rule forwards to it. */
    static final String REPLACEMENT = "replacement";

    /** How a message reads: done, or something went wrong. */
    public enum Tone {
        INFO,
        SUCCESS,
        ERROR
    }

    /** A line for the user where they acted. */
    public record Message(Tone tone, String text) {
        static final Message NONE = new Message(Tone.INFO, "");
    }

    /**
     * A change waiting for confirmation: its preview, and how to apply it.
     *
     * @param requirement when the change undoes a "require the CDN header" remediation (both its parts, through core's
     *     {@link CdnHeaderRequirement}), what it undoes; null for a load balancer change ({@code apply})
     */
    public record Pending(
            String title,
            String preview,
            Function<ChangeApplier, AuditEntry> apply,
            CdnHeaderRequirement.InPlace requirement) {

        public Pending(String title, String preview, Function<ChangeApplier, AuditEntry> apply) {
            this(title, preview, requireNonNull(apply, "apply"), null);
        }
    }

    /** A history entry read for its undo, with the requirement it is the load balancer part of (null: none). */
    private record UndoTarget(JournalEntry entry, CdnHeaderRequirement.InPlace requirement) {}

    private final LoadBalancers loadBalancers;
    private final AuditJournal journal;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    /** Undoes "require the CDN header" remediations, both parts; null without a fleet (their undo is refused). */
    private final CdnHeaderRequirement requirements;

    private final Tasks tasks;
    private final String actor;

    private final ObservableList<TrafficState.RuleRow> rules = FXCollections.observableArrayList();
    private final ObservableList<TrafficState.GroupRow> groups = FXCollections.observableArrayList();
    private final ObservableList<TrafficState.HistoryRow> history = FXCollections.observableArrayList();
    private final ObjectProperty<TrafficState.RuleRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObjectProperty<String> target = new SimpleObjectProperty<>();
    private final StringProperty current = new SimpleStringProperty("");
    private final javafx.beans.property.DoubleProperty currentShare = new javafx.beans.property.SimpleDoubleProperty();
    private final ObjectProperty<Pending> pending = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final dev.triage.console.connection.WriteGuard guard = new dev.triage.console.connection.WriteGuard();
    private final ApplyStep applying;
    private final RuleEditorViewModel editor;
    private final ProgressiveViewModel progressive;
    private Tasks.Handle planning;
    private long planSequence;

    /**
     * Without the agents: undoing the load balancer entry of a "require the CDN header" remediation is refused (it
     * would leave the agents' gates), with a pointer to the security screen.
     */
    public TrafficViewModel(LoadBalancers loadBalancers, AuditJournal journal, Tasks tasks, String actor) {
        this(loadBalancers, journal, null, tasks, actor);
    }

    /**
     * @param fleet the agents, so undoing the load balancer entry of a "require the CDN header" remediation undoes its
     *     agents' gates too (null: refused, as above)
     */
    public TrafficViewModel(
            LoadBalancers loadBalancers, AuditJournal journal, AgentFleet fleet, Tasks tasks, String actor) {
        this(loadBalancers, journal, new ChangeApplier(loadBalancers, journal), fleet, tasks, actor);
    }

    TrafficViewModel(
            LoadBalancers loadBalancers,
            AuditJournal journal,
            ChangeApplier applier,
            AgentFleet fleet,
            Tasks tasks,
            String actor) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.journal = requireNonNull(journal, "journal");
        this.planner = new ChangePlanner(loadBalancers);
        this.applier = requireNonNull(applier, "applier");
        this.requirements = fleet == null ? null : new CdnHeaderRequirement(planner, applier, fleet, journal);
        this.tasks = requireNonNull(tasks, "tasks");
        this.actor = requireNonNull(actor, "actor");
        this.applying =
                new ApplyStep(tasks, guard, busy, pending, text -> say(Tone.INFO, text), text -> say(Tone.ERROR, text));
        this.editor = new RuleEditorViewModel(planner, applier, tasks, actor, guard, this::applied);
        this.progressive = new ProgressiveViewModel(
                loadBalancers,
                planner,
                applier,
                tasks,
                actor,
                guard,
                selected,
                target,
                this::refresh,
                java.time.Clock.systemUTC(),
                dev.triage.core.change.Sleeper.THREAD);
        selected.addListener((obs, was, now) -> onSelected(now));
        target.addListener((obs, was, now) -> updateCurrent());
    }

    /** Reads everything again; the selection is kept by rule ARN. */
    public void refresh() {
        refresh(() -> {});
    }

    /** Reads everything again, then runs {@code after} (a new table can clear the message: say it again). */
    private void refresh(Runnable after) {
        tasks.run(
                "traffic read",
                () -> TrafficState.read(loadBalancers, journal),
                state -> {
                    show(state);
                    after.run();
                },
                failure -> say(Tone.ERROR, "Could not read the load balancers: " + Messages.reason(failure)));
    }

    /** Says how a change ended, and again once the screen shows the state it left. */
    private void applied(AuditEntry entry) {
        say(tone(entry), outcome(entry));
        refresh(() -> say(tone(entry), outcome(entry)));
    }

    private void show(TrafficState state) {
        String keep = selected.get() == null ? null : selected.get().arn();
        rules.setAll(state.rules());
        groups.setAll(state.groups());
        history.setAll(state.history());
        Optional<TrafficState.RuleRow> again = state.rules().stream()
                .filter(r -> r.arn().equals(keep))
                .findFirst()
                .or(() -> state.rules().stream()
                        .filter(TrafficState.RuleRow::forwards)
                        .findFirst());
        selected.set(again.orElse(null));
        onSelected(selected.get());
        if (!state.skipped().isEmpty()) {
            say(
                    Tone.ERROR,
                    "The journal has " + state.skipped().size() + " unreadable line(s): "
                            + state.skipped().getFirst());
        }
        loaded.set(true);
    }

    private void onSelected(TrafficState.RuleRow row) {
        String keepTarget = target.get();
        if (row == null || !row.forwards()) {
            targets.clear();
            target.set(null);
            current.set(row == null ? "" : row.label() + " does not forward; only forward rules shift");
            return;
        }
        List<String> names = row.forward().targetGroups().stream()
                .map(g -> TargetGroup.nameOf(g.targetGroupArn()))
                .toList();
        if (!targets.equals(names)) {
            targets.setAll(names);
        }
        if (keepTarget != null && names.contains(keepTarget)) {
            target.set(keepTarget);
        } else {
            target.set(names.contains(REPLACEMENT) ? REPLACEMENT : names.getLast());
        }
        updateCurrent();
    }

    private void updateCurrent() {
        TrafficState.RuleRow row = selected.get();
        String name = target.get();
        if (row == null || !row.forwards() || name == null) {
            return;
        }
        double share = Shares.current(row.forward(), arnOf(row, name));
        currentShare.set(share);
        current.set(row.label() + " sends " + Words.percent(share) + " to " + name + " now");
    }

    /**
     * Plans "send {@code percent}% of the selected rule to the chosen target group" and shows its
     * preview for confirmation; a newer call replaces an older one still planning.
     */
    public void preview(int percent) {
        TrafficState.RuleRow row = selected.get();
        String name = target.get();
        if (row == null || !row.forwards() || name == null) {
            say(Tone.ERROR, "Choose a rule that forwards to target groups first.");
            return;
        }
        if (percent < 0 || percent > 100) {
            pending.set(null);
            say(Tone.ERROR, "share: " + percent + "% (expected: 0 to 100%)");
            return;
        }
        Map<String, Integer> weights = Shares.weights(row.forward(), arnOf(row, name), percent);
        if (planning != null) {
            planning.cancel();
        }
        long sequence = ++planSequence;
        say(Tone.INFO, "");
        planning = tasks.run(
                "plan shift",
                () -> planner.shiftWeights(row.arn(), weights),
                plan -> {
                    if (sequence == planSequence) {
                        String title = "Send " + percent + "% of " + row.label() + " to " + name;
                        pending.set(new Pending(
                                title,
                                PlanPreview.text(plan),
                                a -> a.apply(plan, actor, "console: " + title.toLowerCase(java.util.Locale.ROOT))));
                    }
                },
                failure -> {
                    if (sequence == planSequence) {
                        pending.set(null);
                        say(Tone.ERROR, Messages.reason(failure));
                    }
                });
    }

    /**
     * Shows what undoing the journal entry would restore, for confirmation. When the entry is the load balancer part of
     * a "require the CDN header" remediation still recorded as in place, the undo is that remediation's: both parts,
     * the agents' gates first (refused, pointing to the security screen, when this screen has no fleet).
     */
    public void previewUndo(TrafficState.HistoryRow row) {
        requireNonNull(row, "row");
        tasks.run(
                "plan undo",
                () -> new UndoTarget(
                        journal.finalEntry(row.id()),
                        CdnHeaderRequirement.recordedFor(journal, row.id()).orElse(null)),
                target -> {
                    JournalEntry entry = target.entry();
                    CdnHeaderRequirement.InPlace requirement = target.requirement();
                    if (requirement != null) {
                        previewRequirementUndo(requirement);
                        return;
                    }
                    if (!entry.undoable()) {
                        say(Tone.ERROR, "This change cannot be undone: its outcome is " + entry.outcome() + ".");
                        return;
                    }
                    String title = "Undo: " + entry.title();
                    pending.set(new Pending(
                            title,
                            undoPreview(entry),
                            a -> a.undo(entry.id(), actor, "console: undo " + entry.title())));
                },
                failure -> say(Tone.ERROR, Messages.reason(failure)));
    }

    private void previewRequirementUndo(CdnHeaderRequirement.InPlace requirement) {
        if (requirements == null) {
            pending.set(null);
            say(
                    Tone.ERROR,
                    "This is the load balancer part of \"require " + requirement.headerName()
                            + "\"; undoing it here would leave the agents' gates in place. Undo it on the security"
                            + " screen (\"Undo require header\"), which takes off both parts.");
            return;
        }
        pending.set(new Pending(
                "Undo: require " + requirement.headerName() + " (load balancer and agents' gates)",
                requirement.undoPreview(),
                null,
                requirement));
    }

    /** Previews undoing the newest change that can be undone (the undo shortcut). */
    public void previewUndoLast() {
        history.stream()
                .filter(TrafficState.HistoryRow::undoable)
                .findFirst()
                .ifPresentOrElse(this::previewUndo, () -> say(Tone.INFO, "Nothing to undo in this session's journal."));
    }

    private static String undoPreview(JournalEntry entry) {
        StringBuilder out = new StringBuilder("restore what " + entry.actor() + " changed at " + entry.time() + "\n");
        if (entry.keepsResources()) {
            JournalEntry.Resources r = entry.resources();
            RuleChanges.lines(r.after().isEmpty() ? r.planned() : r.after(), r.inverse())
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        }
        for (var planned : entry.planned()) {
            Map<String, Integer> back = entry.inverse().stream()
                    .filter(i -> i.ruleArn().equals(planned.ruleArn()))
                    .findFirst()
                    .map(i -> i.weights())
                    .orElse(Map.of());
            out.append("  rule ")
                    .append(planned.priority())
                    .append(": ")
                    .append(Words.weightChange(planned.weights(), back))
                    .append('\n');
        }
        out.append("  refused if the rule no longer reads as that change left it");
        return out.toString();
    }

    /** Opens the rule editor on a new rule for the selected rule's listener. */
    public void newRule() {
        TrafficState.RuleRow row = selected.get();
        if (row == null) {
            say(Tone.ERROR, "Choose a rule of the listener to add a rule to first.");
            return;
        }
        cancel();
        editor.open(context(row, null));
    }

    /** Opens the rule editor on the selected rule (the default rule: its action only). */
    public void editRule() {
        TrafficState.RuleRow row = selected.get();
        if (row == null) {
            say(Tone.ERROR, "Choose a rule to edit first.");
            return;
        }
        cancel();
        editor.open(context(row, row.rule()));
    }

    /** Plans deleting the selected rule and shows the plan for confirmation; the default rule stays. */
    public void previewDelete() {
        TrafficState.RuleRow row = selected.get();
        if (row == null || row.rule().isDefault()) {
            say(Tone.ERROR, "Choose a rule other than the default rule to delete; every listener keeps its default.");
            return;
        }
        editor.close();
        cancel();
        tasks.run(
                "plan delete",
                () -> planner.deleteRule(row.arn()),
                plan -> {
                    String title = "Delete " + row.label();
                    pending.set(new Pending(
                            title,
                            PlanPreview.text(plan),
                            a -> a.apply(plan, actor, "console: " + title.toLowerCase(java.util.Locale.ROOT))));
                },
                failure -> say(Tone.ERROR, Messages.reason(failure)));
    }

    private RuleEditorViewModel.Context context(TrafficState.RuleRow row, dev.triage.core.domain.Rule rule) {
        String listenerArn = row.rule().listenerArn();
        return new RuleEditorViewModel.Context(
                listenerArn,
                row.listener() + " of " + row.loadBalancer(),
                row.protocol(),
                rules.stream()
                        .map(TrafficState.RuleRow::rule)
                        .filter(r -> r.listenerArn().equals(listenerArn))
                        .toList(),
                groups.stream()
                        .filter(g -> g.loadBalancer().equals(row.loadBalancer()))
                        .map(g -> new RuleEditorViewModel.Group(g.name(), g.arn()))
                        .toList(),
                rule);
    }

    /** Applies the pending change through core's change path and shows how it ended. */
    public void confirm() {
        Pending change = pending.get();
        if (change == null) {
            return;
        }
        if (change.requirement() != null) {
            CdnHeaderRequirement.InPlace requirement = change.requirement();
            applying.run(
                    "undo remediation",
                    change.title(),
                    () -> requirements.undo(
                            requirement,
                            actor,
                            "console: undo require " + requirement.headerName() + " from the traffic history"),
                    undone -> {
                        boolean done = undone.status() == CdnHeaderRequirement.Status.DONE;
                        Tone tone = done ? Tone.SUCCESS : Tone.ERROR;
                        String text = done
                                ? "Undone on the load balancer and the agents: " + undone.detail() + "."
                                : "Undone only in part, undo again for the rest: " + undone.detail() + ".";
                        say(tone, text);
                        refresh(() -> say(tone, text));
                    },
                    failure -> {
                        say(Tone.ERROR, "Not undone: " + Messages.reason(failure));
                        refresh();
                    });
            return;
        }
        applying.run("apply change", change.title(), () -> change.apply().apply(applier), this::applied, failure -> {
            say(Tone.ERROR, "Not applied: " + Messages.reason(failure));
            refresh();
        });
    }

    public void cancel() {
        if (planning != null) {
            planning.cancel();
        }
        planSequence++;
        pending.set(null);
        guard.clear();
        say(Tone.INFO, "");
    }

    private static Tone tone(AuditEntry entry) {
        return entry.outcome() == AuditEntry.Outcome.VERIFIED ? Tone.SUCCESS : Tone.ERROR;
    }

    static String outcome(AuditEntry entry) {
        String what = entry.plan().title();
        return switch (entry.outcome()) {
            case VERIFIED -> "Verified: " + what + " (" + entry.detail() + ").";
            case UNVERIFIED -> "Applied but not verified yet: " + what + ". " + entry.detail();
            case REFUSED_DRIFT -> "Refused, nothing changed: " + entry.detail();
            case FAILED_RESTORED -> "Failed and restored, nothing changed: " + entry.detail();
            case FAILED_PARTIAL -> "Failed part-way; check the rule: " + entry.detail();
        };
    }

    private void say(Tone tone, String text) {
        message.set(new Message(tone, text));
    }

    private static String arnOf(TrafficState.RuleRow row, String groupName) {
        return row.groupArn(groupName).orElseThrow(() -> new IllegalArgumentException("target group: " + groupName));
    }

    /** The progressive shift of the selected rule (steps, bake, gates, automatic rollback). */
    public ProgressiveViewModel progressive() {
        return progressive;
    }

    /** The rule editor this screen opens. */
    public RuleEditorViewModel editor() {
        return editor;
    }

    public ObservableList<TrafficState.RuleRow> rules() {
        return rules;
    }

    public ObservableList<TrafficState.GroupRow> groups() {
        return groups;
    }

    public ObservableList<TrafficState.HistoryRow> history() {
        return history;
    }

    public ObjectProperty<TrafficState.RuleRow> selectedProperty() {
        return selected;
    }

    public ObservableList<String> targets() {
        return targets;
    }

    public ObjectProperty<String> targetProperty() {
        return target;
    }

    public ReadOnlyStringProperty currentProperty() {
        return current;
    }

    /** The share, in percent, the selected rule sends to the chosen target group now. */
    public javafx.beans.property.ReadOnlyDoubleProperty currentShareProperty() {
        return currentShare;
    }

    public ReadOnlyObjectProperty<Pending> pendingProperty() {
        return pending;
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message;
    }

    /** The connection's write policy as this screen applies it (read-only, protected). */
    public dev.triage.console.connection.WriteGuard guard() {
        return guard;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** True once the first read arrived. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }
}
