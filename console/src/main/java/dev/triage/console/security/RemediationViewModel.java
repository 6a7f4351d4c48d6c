package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.console.fx.ApplyStep;
import dev.triage.console.fx.Tasks;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.CdnHeaderRequirement;
import dev.triage.core.security.Remediation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * One-click remediation through core's change path: a plan (block an alert's source; a posture
 * fix), its preview, then on confirmation apply, verify and journal (undo from the traffic
 * screen's history; "require the CDN header" also from here, both parts, after a restart too). One change waits for confirmation at a time. Knows no Node.
 */
public final class RemediationViewModel {

    /** How a message reads. */
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
     * A change waiting for confirmation.
     *
     * @param plan the load balancer's plan (for "require the CDN header", its first part)
     * @param blocks the source a block stops, or null for another change
     * @param requirement "require the CDN header": both parts (the load balancer's, the agents' gates); null otherwise
     */
    public record Pending(
            String title,
            String preview,
            ChangePlan plan,
            String reason,
            String blocks,
            CdnHeaderRequirement.Plan requirement) {}

    private final dev.triage.console.connection.WriteGuard guard = new dev.triage.console.connection.WriteGuard();
    private final LoadBalancers loadBalancers;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final AgentFleet fleet;
    private final CdnHeaderRequirement requirement;
    private final Tasks tasks;
    private final String actor;
    private final ObjectProperty<Pending> pending = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableSet<String> blocked = FXCollections.observableSet();
    private final ObjectProperty<CdnHeaderRequirement.InPlace> requirementInPlace = new SimpleObjectProperty<>();
    private final ObjectProperty<CdnHeaderRequirement.Interrupted> interrupted = new SimpleObjectProperty<>();
    /** The secret values of the pending "require the CDN header" (never in a property, a record or a message). */
    private List<String> pendingValues = List.of();

    private final ApplyStep applying;
    private Runnable onApplied = () -> {};
    private long sequence;

    /** @param fleet the agents whose gates "require the CDN header" sets along with the load balancer's rules */
    public RemediationViewModel(
            LoadBalancers loadBalancers, AuditJournal journal, AgentFleet fleet, Tasks tasks, String actor) {
        this(loadBalancers, journal, new ChangeApplier(loadBalancers, journal), fleet, tasks, actor);
    }

    RemediationViewModel(
            LoadBalancers loadBalancers,
            AuditJournal journal,
            ChangeApplier applier,
            AgentFleet fleet,
            Tasks tasks,
            String actor) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.planner = new ChangePlanner(loadBalancers);
        this.applier = requireNonNull(applier, "applier");
        this.fleet = requireNonNull(fleet, "fleet");
        this.requirement = new CdnHeaderRequirement(planner, applier, fleet, requireNonNull(journal, "journal"));
        this.tasks = requireNonNull(tasks, "tasks");
        this.actor = requireNonNull(actor, "actor");
        this.applying =
                new ApplyStep(tasks, guard, busy, pending, text -> say(Tone.INFO, text), text -> say(Tone.ERROR, text));
    }

    /** The connection's write policy as this screen applies it (read-only, protected). */
    public dev.triage.console.connection.WriteGuard guard() {
        return guard;
    }

    /** Runs after each change that was applied (the posture panel checks again). */
    public void onApplied(Runnable action) {
        this.onApplied = requireNonNull(action, "action");
    }

    private record Recorded(List<CdnHeaderRequirement.InPlace> inPlace, List<CdnHeaderRequirement.Interrupted> cut) {}

    /**
     * Reads the "require the CDN header" remediations recorded beside the journal (they outlive the console), so the
     * newest one still in place can be undone after a restart, and an apply the console did not live to finish (killed
     * part-way) is shown in words with "Set back" ({@link #interruptedProperty}). The screen calls it when it starts.
     */
    public void reload() {
        tasks.run(
                "read require header state",
                () -> new Recorded(requirement.inPlace(), requirement.interrupted()),
                recorded -> {
                    requirementInPlace.set(
                            recorded.inPlace().isEmpty()
                                    ? null
                                    : recorded.inPlace().getLast());
                    interrupted.set(
                            recorded.cut().isEmpty() ? null : recorded.cut().getFirst());
                },
                failure -> say(
                        Tone.ERROR,
                        "Cannot tell which header requirements are in place: " + AgentStreams.reason(failure)));
    }

    /**
     * Sets back the interrupted "require the CDN header" shown ({@link #interruptedProperty}): the agents' gates its
     * record (or the agent's config) shows, then the load balancer part through the journal (recovering it first when
     * the change path itself was interrupted). What cannot be set back stays recorded and the message says so.
     */
    public void setBackInterrupted() {
        CdnHeaderRequirement.Interrupted cut = interrupted.get();
        if (cut == null) {
            return;
        }
        String header = cut.record().headerName();
        applying.run(
                "set back remediation",
                "set back: require " + header,
                () -> requirement.setBack(cut, actor, "console: set back the interrupted require " + header),
                back -> {
                    boolean done = back.status() == CdnHeaderRequirement.Status.DONE;
                    say(
                            done ? Tone.SUCCESS : Tone.ERROR,
                            done
                                    ? "Set back on the load balancer and the agents: " + back.detail() + "."
                                    : "Set back only in part: " + back.detail() + ".");
                    reload();
                    onApplied.run();
                },
                failure -> {
                    say(Tone.ERROR, "Not set back: " + AgentStreams.reason(failure));
                    reload();
                });
    }

    /** Plans a fixed-response 403 rule for the alert's source at the top of its listener, for confirmation. */
    public void previewBlock(Alert alert) {
        requireNonNull(alert, "alert");
        if (!alert.blockable()) {
            say(Tone.ERROR, "The source '" + alert.sourceIp() + "' is not an address a rule can block.");
            return;
        }
        String source = alert.sourceIp();
        String cidr = source + (source.indexOf(':') >= 0 ? "/128" : "/32");
        String reason = alert.message();
        plan(
                "Block " + source,
                () -> planner.blockSources(
                        BlockTarget.listenerFor(loadBalancers, alert.route()), List.of(cidr), reason),
                "security alert: " + reason,
                source);
    }

    /**
     * Plans a posture finding's fix, for confirmation. {@code headerValue} is the CDN's secret
     * value a required header must carry (only for that fix); it is masked in the preview.
     */
    public void previewFix(PostureViewModel.Finding finding, String headerValue) {
        requireNonNull(finding, "finding");
        Remediation fix = finding.fix();
        if (!finding.plannable()) {
            say(Tone.ERROR, "No plan for this finding here: " + finding.advice() + ".");
            return;
        }
        String listener = fix.parameters().get(Remediation.LISTENER);
        String reason = "posture: " + finding.reason();
        String title = capitalised(fix.summary());
        switch (fix.kind()) {
            case BLOCK_SOURCES ->
                plan(
                        title,
                        () -> planner.blockSources(
                                listener,
                                Arrays.asList(
                                        fix.parameters().get(Remediation.CIDRS).split(",")),
                                finding.reason()),
                        reason,
                        null);
            case REDIRECT_HTTP_TO_HTTPS -> plan(title, () -> planner.redirectHttpToHttps(listener), reason, null);
            case SET_SSL_POLICY ->
                plan(
                        title,
                        () -> planner.setSslPolicy(listener, fix.parameters().get(Remediation.SSL_POLICY)),
                        reason,
                        null);
            case REQUIRE_HEADER ->
                planRequirement(title, listener, fix.parameters().get(Remediation.HEADER), headerValue, reason);
            default -> say(Tone.ERROR, "No plan for this finding here: " + finding.advice() + ".");
        }
    }

    /**
     * "Require the CDN header": one plan of both parts, the load balancer's rules and every agent's gates, previewed
     * together; applied and undone together by core's {@link CdnHeaderRequirement}.
     */
    private void planRequirement(String title, String listener, String header, String headerValue, String reason) {
        if (headerValue == null || headerValue.isBlank()) {
            say(Tone.ERROR, "Type the value the CDN sends in " + header + " first.");
            return;
        }
        List<String> values = List.of(headerValue.strip());
        long mine = ++sequence;
        pending.set(null);
        pendingValues = List.of();
        say(Tone.INFO, "Planning: " + title + " ...");
        tasks.run(
                "plan remediation",
                () -> requirement.plan(
                        listener,
                        header,
                        values,
                        fleet.agents().stream().map(AgentFleet.AgentInfo::name).toList()),
                plan -> {
                    if (mine != sequence) {
                        return;
                    }
                    pendingValues = values;
                    pending.set(
                            new Pending(title, mask(plan.preview(), values), plan.loadBalancer(), reason, null, plan));
                    say(Tone.INFO, "");
                },
                failure -> {
                    if (mine == sequence) {
                        say(Tone.ERROR, "Cannot plan it: " + mask(AgentStreams.reason(failure), values));
                    }
                });
    }

    private void plan(String title, Callable<ChangePlan> work, String reason, String blocks) {
        long mine = ++sequence;
        pending.set(null);
        pendingValues = List.of();
        say(Tone.INFO, "Planning: " + title + " ...");
        tasks.run(
                "plan remediation",
                work,
                plan -> {
                    if (mine != sequence) {
                        return;
                    }
                    pending.set(new Pending(title, PlanPreview.text(plan), plan, reason, blocks, null));
                    say(Tone.INFO, "");
                },
                failure -> {
                    if (mine == sequence) {
                        say(Tone.ERROR, "Cannot plan it: " + AgentStreams.reason(failure));
                    }
                });
    }

    /** Applies the pending change through core's change path and shows how it ended. */
    public void confirm() {
        Pending change = pending.get();
        if (change == null) {
            return;
        }
        if (change.requirement() != null) {
            List<String> values = pendingValues;
            applying.run(
                    "apply remediation",
                    change.title(),
                    () -> requirement.apply(change.requirement(), values, actor, "console: " + change.reason()),
                    this::showRequirement,
                    failure -> say(Tone.ERROR, "Not applied: " + mask(AgentStreams.reason(failure), values)));
            return;
        }
        applying.run(
                "apply remediation",
                change.title(),
                () -> applier.apply(change.plan(), actor, "console: " + change.reason()),
                entry -> {
                    boolean verified = entry.outcome() == AuditEntry.Outcome.VERIFIED;
                    if (change.blocks() != null && verified) {
                        blocked.add(change.blocks());
                    }
                    say(verified ? Tone.SUCCESS : Tone.ERROR, outcome(entry));
                    onApplied.run();
                },
                failure -> say(Tone.ERROR, "Not applied: " + AgentStreams.reason(failure)));
    }

    /**
     * Reverts the newest "require the CDN header" still (partly) in place, as recorded beside the journal (also one
     * applied before a restart): the agents' gates, then the load balancer's rules through the journal. A partial undo
     * keeps what is left recorded and says so.
     */
    public void undoRequirement() {
        CdnHeaderRequirement.InPlace last = requirementInPlace.get();
        if (last == null) {
            return;
        }
        applying.run(
                "undo remediation",
                "undo: require " + last.headerName(),
                () -> requirement.undo(last, actor, "console: undo require " + last.headerName()),
                undone -> {
                    boolean done = undone.status() == CdnHeaderRequirement.Status.DONE;
                    say(
                            done ? Tone.SUCCESS : Tone.ERROR,
                            done
                                    ? "Undone on the load balancer and the agents: " + undone.detail() + "."
                                    : "Undone only in part, undo again for the rest: " + undone.detail() + ".");
                    reload();
                    onApplied.run();
                },
                failure -> {
                    say(Tone.ERROR, "Not undone: " + AgentStreams.reason(failure));
                    reload();
                });
    }

    private void showRequirement(CdnHeaderRequirement.Outcome outcome) {
        pendingValues = List.of();
        if (outcome.undoable()) {
            requirementInPlace.set(outcome.inPlace());
        }
        String text = switch (outcome.status()) {
            case DONE ->
                "Applied on the load balancer and the agents: " + outcome.detail()
                        + ". Undo both with \"Undo require header\".";
            case LOAD_BALANCER_FAILED -> "Not applied: " + outcome.detail() + ".";
            case ROLLED_BACK -> "Not applied, everything set back: " + outcome.detail() + ".";
            case PARTIAL ->
                "Applied only in part: " + outcome.detail() + ". \"Undo require header\" takes off what is left.";
        };
        boolean verified = outcome.status() == CdnHeaderRequirement.Status.DONE
                && outcome.loadBalancerEntry().outcome() == AuditEntry.Outcome.VERIFIED;
        say(verified ? Tone.SUCCESS : Tone.ERROR, text);
        onApplied.run();
    }

    private static String mask(String text, List<String> values) {
        String out = text;
        for (String v : values) {
            out = out.replace(v, "***");
        }
        return out;
    }

    public void cancel() {
        sequence++;
        pending.set(null);
        pendingValues = List.of();
        guard.clear();
        say(Tone.INFO, "");
    }

    static String outcome(AuditEntry entry) {
        String what = entry.plan().title();
        return switch (entry.outcome()) {
            case VERIFIED -> "Verified: " + what + ". Undo it from the traffic screen's history.";
            case UNVERIFIED -> "Applied but not verified yet: " + what + ". " + entry.detail();
            case REFUSED_DRIFT -> "Refused, nothing changed: " + entry.detail();
            case FAILED_RESTORED -> "Failed and restored, nothing changed: " + entry.detail();
            case FAILED_PARTIAL -> "Failed part-way; check the listener's rules: " + entry.detail();
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private void say(Tone tone, String text) {
        message.set(new Message(tone, text));
    }

    public ReadOnlyObjectProperty<Pending> pendingProperty() {
        return pending;
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /**
     * The newest "require the CDN header" with something in place to undo, as recorded beside the journal (so also
     * after a restart, once {@link #reload} ran), or null.
     */
    public ReadOnlyObjectProperty<CdnHeaderRequirement.InPlace> requirementInPlaceProperty() {
        return requirementInPlace;
    }

    /**
     * The oldest "require the CDN header" apply that did not finish (the console was killed part-way), once {@link
     * #reload} ran, or null. {@link CdnHeaderRequirement.Interrupted#describe} says it in words; new requirements are
     * refused until it is set back ({@link #setBackInterrupted}).
     */
    public ReadOnlyObjectProperty<CdnHeaderRequirement.Interrupted> interruptedProperty() {
        return interrupted;
    }

    /** The sources blocked from this screen in this session. */
    public ObservableSet<String> blocked() {
        return blocked;
    }
}
