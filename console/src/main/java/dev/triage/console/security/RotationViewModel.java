package dev.triage.console.security;

import static java.util.Objects.requireNonNull;

import dev.triage.console.connection.WriteGuard;
import dev.triage.console.fx.Tasks;
import dev.triage.console.security.RemediationViewModel.Message;
import dev.triage.console.security.RemediationViewModel.Tone;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.CdnSecretRotation;
import dev.triage.core.security.RotationState;
import dev.triage.core.security.RotationState.Stage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
 * The CDN secret rotation panel: the header, the listeners and agents in scope, the old and new
 * values (typed, never shown, never stored), a command per stage of core's {@link
 * CdnSecretRotation} enabled only where the stage allows it, and where each stage stands per
 * listener and per agent, reloaded from the state file beside the journal. Every command runs off
 * the UI thread through {@link Tasks} after the connection's write guard. Knows no Node.
 */
public final class RotationViewModel {

    /** The header CloudFront-style setups send by convention. */
    public static final String DEFAULT_HEADER = "X-Origin-Verify";

    /** The commands, one per button, in the order of the stages. */
    public enum Command {
        START("Start"),
        OVERLAP("Overlap"),
        CONFIRM("I switched the CDN"),
        RETIRE("Retire"),
        FINISH("Finish"),
        ABORT("Abort");

        private final String label;

        Command(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One listener or agent in scope and where it stands.
     *
     * @param kind "listener" or "agent"
     * @param done whether it reached the current stage
     * @param status "done", "left: why", or "in scope" before a rotation starts
     */
    public record Part(String kind, String name, boolean done, String status) {}

    /** The scope found on the connection: listeners whose rules require the header, the fleet's agents. */
    record Scope(List<String> listeners, List<String> agents) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WriteGuard guard = new WriteGuard();
    private final LoadBalancers loadBalancers;
    private final AgentFleet fleet;
    private final CdnSecretRotation rotation;
    private final Tasks tasks;
    private final String actor;
    private final StringProperty headerName = new SimpleStringProperty(DEFAULT_HEADER);
    private final StringProperty oldValue = new SimpleStringProperty("");
    private final StringProperty newValue = new SimpleStringProperty("");
    private final ObjectProperty<RotationState> state = new SimpleObjectProperty<>();
    private final ObservableList<String> listeners = FXCollections.observableArrayList();
    private final ObservableList<String> agents = FXCollections.observableArrayList();
    private final ObservableList<Part> parts = FXCollections.observableArrayList();
    private final StringProperty stageText = new SimpleStringProperty("");
    private final StringProperty instruction = new SimpleStringProperty("");
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<Command, BooleanBinding> enabled = new EnumMap<>(Command.class);

    public RotationViewModel(
            LoadBalancers loadBalancers, AgentFleet fleet, AuditJournal journal, Tasks tasks, String actor) {
        this(
                loadBalancers,
                fleet,
                new CdnSecretRotation(
                        loadBalancers,
                        new ChangePlanner(loadBalancers),
                        new ChangeApplier(loadBalancers, journal),
                        fleet,
                        journal,
                        Clock.systemUTC()),
                tasks,
                actor);
    }

    RotationViewModel(
            LoadBalancers loadBalancers, AgentFleet fleet, CdnSecretRotation rotation, Tasks tasks, String actor) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.fleet = requireNonNull(fleet, "fleet");
        this.rotation = requireNonNull(rotation, "rotation");
        this.tasks = requireNonNull(tasks, "tasks");
        this.actor = requireNonNull(actor, "actor");
        for (Command c : Command.values()) {
            enabled.put(
                    c,
                    Bindings.createBooleanBinding(
                            () -> !busy.get() && guard.policy().writable() && allows(c, state.get()),
                            busy,
                            state,
                            guard.policyProperty()));
        }
        show(null);
    }

    /** Whether {@code state} (null: none yet) lets {@code command} run, as core's rotation checks it. */
    static boolean allows(Command command, RotationState state) {
        if (state == null) {
            return command == Command.START;
        }
        Stage stage = state.stage();
        boolean complete = state.complete();
        boolean switched = state.cdnSwitched();
        return switch (command) {
            case START -> state.closed();
            case OVERLAP -> stage == Stage.START || (stage == Stage.OVERLAP && !complete);
            case CONFIRM -> stage == Stage.OVERLAP && complete && !switched;
            case RETIRE -> (stage == Stage.OVERLAP && complete && switched) || (stage == Stage.RETIRED && !complete);
            case FINISH -> stage == Stage.RETIRED && complete;
            case ABORT -> (stage == Stage.OVERLAP && !switched) || (stage == Stage.ABORTED && !complete);
        };
    }

    /** The connection's write policy as this panel applies it. */
    public WriteGuard guard() {
        return guard;
    }

    /**
     * Reads the state file (a rotation under way after a restart) and, when none is under way,
     * finds the scope for the header on the connection. Off the UI thread.
     */
    public void reload() {
        String header = headerName.get().strip();
        busy.set(true);
        tasks.run(
                "load cdn secret rotation",
                () -> {
                    Optional<RotationState> saved = rotation.state();
                    boolean underWay = saved.filter(s -> !s.closed()).isPresent();
                    Scope scope = underWay ? null : scope(header);
                    return new Loaded(saved.orElse(null), scope);
                },
                loaded -> {
                    if (loaded.state() != null && !loaded.state().closed()) {
                        headerName.set(loaded.state().headerName());
                    }
                    if (loaded.scope() != null) {
                        listeners.setAll(loaded.scope().listeners());
                        agents.setAll(loaded.scope().agents());
                    }
                    state.set(loaded.state());
                    show(loaded.state());
                    if (loaded.state() != null && !loaded.state().closed()) {
                        say(
                                Tone.INFO,
                                "A rotation is under way; type both values again to go on (they are kept only"
                                        + " as digests).");
                    }
                    busy.set(false);
                },
                failure -> {
                    say(Tone.ERROR, "Cannot read the rotation: " + AgentStreams.reason(failure));
                    busy.set(false);
                });
    }

    private record Loaded(RotationState state, Scope scope) {}

    private Scope scope(String header) {
        List<String> found = new ArrayList<>();
        for (LoadBalancer lb : loadBalancers.loadBalancers()) {
            for (Listener listener : loadBalancers.listeners(lb.arn())) {
                if (requiresHeader(loadBalancers.rules(listener.arn()), header)) {
                    found.add(listener.arn());
                }
            }
        }
        List<String> names =
                fleet.agents().stream().map(AgentFleet.AgentInfo::name).toList();
        return new Scope(found, names);
    }

    private static boolean requiresHeader(List<Rule> rules, String header) {
        return rules.stream()
                .flatMap(r -> r.conditions().stream())
                .anyMatch(c -> c instanceof HttpHeader h && h.name().equalsIgnoreCase(header));
    }

    /** Puts 32 random bytes, base64url without padding, in the new value. */
    public void generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        newValue.set(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Runs {@code command} if the stage allows it and the write guard lets it through. */
    public void run(Command command) {
        requireNonNull(command, "command");
        if (busy.get()) {
            return;
        }
        if (!allows(command, state.get())) {
            say(Tone.ERROR, command.label() + " is not possible at this stage.");
            return;
        }
        Optional<String> refused = guard.refusal();
        if (refused.isPresent()) {
            say(Tone.ERROR, "Not applied: " + refused.get());
            return;
        }
        String header = headerName.get().strip();
        String old = oldValue.get() == null ? "" : oldValue.get().strip();
        String fresh = newValue.get() == null ? "" : newValue.get().strip();
        String missing = switch (command) {
            case START, OVERLAP -> old.isEmpty() || fresh.isEmpty() ? "the old and the new value" : null;
            case RETIRE -> fresh.isEmpty() ? "the new value" : null;
            case ABORT -> old.isEmpty() ? "the old value" : null;
            case CONFIRM, FINISH -> null;
        };
        if (missing != null) {
            say(Tone.ERROR, "Type " + missing + " first.");
            return;
        }
        Callable<RotationState> work = switch (command) {
            case START ->
                () -> {
                    // The scope for the header as typed now (shown once started), not as last found.
                    Scope now = scope(header);
                    return rotation.start(header, now.listeners(), now.agents(), old, fresh);
                };
            case OVERLAP -> () -> rotation.overlap(old, fresh, actor);
            case CONFIRM -> rotation::confirmCdnSwitched;
            case RETIRE -> () -> rotation.retire(fresh, actor);
            case FINISH -> rotation::finish;
            case ABORT -> () -> rotation.abort(old, actor);
        };
        busy.set(true);
        say(Tone.INFO, command.label() + " ...");
        tasks.run(
                "cdn secret rotation " + command.name().toLowerCase(java.util.Locale.ROOT),
                work,
                after -> {
                    // busy clears last, so whoever waits for it sees the new stage, parts and instruction
                    state.set(after);
                    show(after);
                    say(
                            after.complete() ? Tone.SUCCESS : Tone.ERROR,
                            scrub(
                                    (after.complete() ? "" : "Not everywhere yet; run it again to retry what is left. ")
                                            + after.summary(),
                                    old,
                                    fresh));
                    busy.set(false);
                },
                failure -> {
                    say(Tone.ERROR, scrub("Not applied: " + AgentStreams.reason(failure), old, fresh));
                    busy.set(false);
                });
    }

    private void show(RotationState s) {
        parts.clear();
        if (s == null || s.closed()) {
            stageText.set(
                    s == null
                            ? "No rotation yet."
                            : "Last rotation of " + s.headerName() + ": " + s.stage() + ". A new one may start.");
            instruction.set("");
            listeners.forEach(l -> parts.add(new Part("listener", l, false, "in scope")));
            agents.forEach(a -> parts.add(new Part("agent", a, false, "in scope")));
            return;
        }
        listeners.setAll(s.listeners());
        agents.setAll(s.agents());
        stageText.set(s.headerName() + ": " + s.summary() + (s.cdnSwitched() ? "; the CDN is confirmed switched" : ""));
        for (String l : s.listeners()) {
            parts.add(part("listener", l, s.listenersLeft().get(l), s.stage()));
        }
        for (String a : s.agents()) {
            parts.add(part("agent", a, s.agentsLeft().get(a), s.stage()));
        }
        boolean waiting = s.stage() == Stage.OVERLAP && s.complete() && !s.cdnSwitched();
        instruction.set(waiting ? instructionFor(s.headerName()) : "");
    }

    private static Part part(String kind, String name, String why, Stage stage) {
        return why == null
                ? new Part(kind, name, true, "done (" + stage + ")")
                : new Part(kind, name, false, "left: " + why);
    }

    private static String instructionFor(String header) {
        return "Both values of " + header + " are accepted now. Switch the CDN to send the new value (the origin"
                + " custom header of every distribution in front of this load balancer), wait until the change is"
                + " deployed, then press \"I switched the CDN\"; only then can the old value be retired.";
    }

    private static String scrub(String text, String... values) {
        String out = text;
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                out = out.replace(v, "***");
            }
        }
        return out;
    }

    private void say(Tone tone, String text) {
        message.set(new Message(tone, text));
    }

    public StringProperty headerNameProperty() {
        return headerName;
    }

    /** Bound to a password field; never shown in any text. */
    public StringProperty oldValueProperty() {
        return oldValue;
    }

    /** Bound to a password field; never shown in any text. */
    public StringProperty newValueProperty() {
        return newValue;
    }

    public ReadOnlyObjectProperty<RotationState> stateProperty() {
        return state;
    }

    /** The listeners in scope (ARNs). */
    public ObservableList<String> listeners() {
        return listeners;
    }

    /** The agents in scope (names). */
    public ObservableList<String> agents() {
        return agents;
    }

    /** Each listener and agent in scope and where it stands at the current stage. */
    public ObservableList<Part> parts() {
        return parts;
    }

    public ReadOnlyStringProperty stageTextProperty() {
        return stageText;
    }

    /** What to do at the CDN, while the rotation waits for it; empty otherwise. */
    public ReadOnlyStringProperty instructionProperty() {
        return instruction;
    }

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Whether {@code command}'s button is enabled: the stage allows it, writes are allowed, nothing runs. */
    public BooleanBinding enabledProperty(Command command) {
        return enabled.get(requireNonNull(command, "command"));
    }
}
