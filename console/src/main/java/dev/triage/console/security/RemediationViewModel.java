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
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.LoadBalancers;
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
 * screen's history). One change waits for confirmation at a time. Knows no Node.
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
     * @param blocks the source a block stops, or null for another change
     */
    public record Pending(String title, String preview, ChangePlan plan, String reason, String blocks) {}

    private final dev.triage.console.connection.WriteGuard guard = new dev.triage.console.connection.WriteGuard();
    private final LoadBalancers loadBalancers;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final Tasks tasks;
    private final String actor;
    private final ObjectProperty<Pending> pending = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableSet<String> blocked = FXCollections.observableSet();
    private final ApplyStep applying;
    private Runnable onApplied = () -> {};
    private long sequence;

    public RemediationViewModel(LoadBalancers loadBalancers, AuditJournal journal, Tasks tasks, String actor) {
        this(loadBalancers, new ChangeApplier(loadBalancers, journal), tasks, actor);
    }

    RemediationViewModel(LoadBalancers loadBalancers, ChangeApplier applier, Tasks tasks, String actor) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.planner = new ChangePlanner(loadBalancers);
        this.applier = requireNonNull(applier, "applier");
        this.tasks = requireNonNull(tasks, "tasks");
        this.actor = requireNonNull(actor, "actor");
        this.applying =
                new ApplyStep(tasks, guard, busy, pending, text -> say(Tone.INFO, text), text -> say(Tone.ERROR, text));
    }

    /** Runs after each change that was applied (the posture panel checks again). */
    /** The connection's write policy as this screen applies it (read-only, protected). */
    public dev.triage.console.connection.WriteGuard guard() {
        return guard;
    }

    public void onApplied(Runnable action) {
        this.onApplied = requireNonNull(action, "action");
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
                source,
                null);
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
        Callable<ChangePlan> work = switch (fix.kind()) {
            case BLOCK_SOURCES ->
                () -> planner.blockSources(
                        listener,
                        Arrays.asList(fix.parameters().get(Remediation.CIDRS).split(",")),
                        finding.reason());
            case REDIRECT_HTTP_TO_HTTPS -> () -> planner.redirectHttpToHttps(listener);
            case SET_SSL_POLICY ->
                () -> planner.setSslPolicy(listener, fix.parameters().get(Remediation.SSL_POLICY));
            case REQUIRE_HEADER -> {
                if (headerValue == null || headerValue.isBlank()) {
                    say(
                            Tone.ERROR,
                            "Type the value the CDN sends in "
                                    + fix.parameters().get(Remediation.HEADER) + " first.");
                    yield null;
                }
                yield () -> planner.requireHeader(
                        listener, fix.parameters().get(Remediation.HEADER), List.of(headerValue.strip()));
            }
            default -> null;
        };
        if (work != null) {
            plan(capitalised(fix.summary()), work, reason, null, headerValue);
        }
    }

    private void plan(String title, Callable<ChangePlan> work, String reason, String blocks, String secret) {
        long mine = ++sequence;
        pending.set(null);
        say(Tone.INFO, "Planning: " + title + " ...");
        tasks.run(
                "plan remediation",
                work,
                plan -> {
                    if (mine != sequence) {
                        return;
                    }
                    String preview = PlanPreview.text(plan);
                    if (secret != null && !secret.isBlank()) {
                        preview = preview.replace(secret.strip(), "***");
                    }
                    pending.set(new Pending(title, preview, plan, reason, blocks));
                    say(Tone.INFO, "");
                },
                failure -> {
                    if (mine == sequence) {
                        say(Tone.ERROR, "Cannot plan it: " + reason(failure));
                    }
                });
    }

    /** Applies the pending change through core's change path and shows how it ended. */
    public void confirm() {
        Pending change = pending.get();
        if (change == null) {
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
                failure -> say(Tone.ERROR, "Not applied: " + reason(failure)));
    }

    public void cancel() {
        sequence++;
        pending.set(null);
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

    private static String reason(Throwable failure) {
        if (failure instanceof CoreException) {
            return failure.getMessage();
        }
        return AgentStreams.reason(failure);
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

    /** The sources blocked from this screen in this session. */
    public ObservableSet<String> blocked() {
        return blocked;
    }
}
