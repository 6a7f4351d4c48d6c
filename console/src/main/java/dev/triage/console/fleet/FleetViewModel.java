package dev.triage.console.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.ConfigError;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.console.fx.Messages;
import dev.triage.console.fx.Tasks;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The Fleet screen's state and commands: every agent as last polled (stale when it stops answering);
 * a config editor for one route's policies, validated as you type with the agents' own validation
 * (here at once, then by the agents themselves before anything is offered for pushing); a push of the
 * edit to the chosen agents, rolling or all at once, confirmed first, with each agent's outcome. Knows
 * no Node; every blocking call goes through {@link Tasks}.
 */
public final class FleetViewModel {

    /** How often the agents are polled. */
    public static final Duration POLL = Duration.ofSeconds(2);

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

    /** A push waiting for confirmation: what, to whom, and what the agents said of it. */
    public record Pending(String title, String preview, List<String> targets, boolean rolling, FleetEdit edit) {
        public Pending {
            targets = List.copyOf(targets);
        }
    }

    /** What one read of the agents' configs found. */
    record Configs(List<AgentFleet.AgentInfo> agents, Map<String, AgentConfig> configs, List<String> problems) {}

    private final dev.triage.console.connection.WriteGuard guard = new dev.triage.console.connection.WriteGuard();
    private final AgentFleet fleet;
    private final Tasks tasks;
    private final Clock clock;

    private final ObservableList<AgentRow> rows = FXCollections.observableArrayList();
    private final Map<String, AgentFleet.AgentInfo> lastAnswer = new HashMap<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final Map<String, String> outcomes = new HashMap<>();
    private final Map<String, AgentRow.Outcome> outcomeKinds = new HashMap<>();
    private List<AgentFleet.AgentInfo> lastInfos = List.of();
    private Instant lastRead;

    private Map<String, AgentConfig> configs = Map.of();
    private final ObservableList<String> routes = FXCollections.observableArrayList();
    private final ObjectProperty<String> route = new SimpleObjectProperty<>();
    private final StringProperty routeInfo = new SimpleStringProperty("");
    private final Map<PolicyForm.Field, StringProperty> fields = new EnumMap<>(PolicyForm.Field.class);
    private final Map<PolicyForm.Section, BooleanProperty> sections = new EnumMap<>(PolicyForm.Section.class);
    private final BooleanProperty basicAuth = new SimpleBooleanProperty();
    private final ObservableSet<String> targets = FXCollections.observableSet(new LinkedHashSet<>());
    private final BooleanProperty rolling = new SimpleBooleanProperty(true);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private RoutePolicy basePolicy = RoutePolicy.NONE;
    private PolicyForm.State original = PolicyForm.of(RoutePolicy.NONE);
    private boolean loadingForm;
    private boolean filling;

    private final ObjectProperty<Pending> pending = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>(Message.NONE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final StringProperty stale = new SimpleStringProperty("");
    private Tasks.Handle polling;
    private Tasks.Handle verdict;
    private long verdictSequence;

    public FleetViewModel(AgentFleet fleet, Tasks tasks, Clock clock) {
        this.fleet = requireNonNull(fleet, "fleet");
        this.tasks = requireNonNull(tasks, "tasks");
        this.clock = requireNonNull(clock, "clock");
        for (PolicyForm.Field field : PolicyForm.Field.values()) {
            StringProperty text = new SimpleStringProperty("");
            text.addListener((obs, was, now) -> onEdit());
            fields.put(field, text);
        }
        for (PolicyForm.Section section : PolicyForm.Section.values()) {
            BooleanProperty on = new SimpleBooleanProperty();
            on.addListener((obs, was, now) -> onEdit());
            sections.put(section, on);
        }
        basicAuth.addListener((obs, was, now) -> onEdit());
        targets.addListener((javafx.collections.SetChangeListener<String>) change -> onEdit());
        rolling.addListener((obs, was, now) -> onEdit());
        route.addListener((obs, was, now) -> {
            if (!loadingForm) {
                loadForm();
            }
        });
    }

    /** Polls the agents every {@link #POLL} and reads their configs once. */
    /** The connection's write policy as this screen applies it (read-only, protected). */
    public dev.triage.console.connection.WriteGuard guard() {
        return guard;
    }

    public void start() {
        if (polling != null) {
            polling.cancel();
        }
        polling = tasks.every("fleet status", POLL, fleet::agents, this::show, this::unread);
        readConfigs();
    }

    public void stop() {
        if (polling != null) {
            polling.cancel();
        }
        if (verdict != null) {
            verdict.cancel();
        }
    }

    /** Polls the agents once and reads their configs again (the form shows what they run). */
    public void refresh() {
        tasks.run("fleet status", fleet::agents, this::show, this::unread);
        readConfigs();
    }

    // ---- the agents table

    void show(List<AgentFleet.AgentInfo> infos) {
        Instant now = clock.instant();
        lastRead = now;
        lastInfos = List.copyOf(infos);
        for (AgentFleet.AgentInfo info : infos) {
            if (info.reachable()) {
                lastAnswer.put(info.name(), info);
                lastSeen.put(info.name(), now);
            }
        }
        List<String> down = infos.stream()
                .filter(i -> !i.reachable())
                .map(AgentFleet.AgentInfo::name)
                .toList();
        stale.set(down.isEmpty() ? "" : "Not answering: " + String.join(", ", down) + " (their last numbers shown)");
        setRows(rowsFor(infos));
        loaded.set(true);
        fillMissingConfigs(infos);
    }

    /**
     * Reads the configs of agents that answer now but whose config was not read (they were down, or
     * slow, at the last read); the form is left as the user has it.
     */
    private void fillMissingConfigs(List<AgentFleet.AgentInfo> infos) {
        if (filling || busy.get()) {
            return;
        }
        List<String> missing = infos.stream()
                .filter(AgentFleet.AgentInfo::reachable)
                .map(AgentFleet.AgentInfo::name)
                .filter(name -> !configs.containsKey(name))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        filling = true;
        tasks.run(
                "fleet configs",
                () -> {
                    Map<String, AgentConfig> read = new LinkedHashMap<>();
                    for (String name : missing) {
                        try {
                            read.put(name, fleet.config(name));
                        } catch (CoreException e) {
                            // still not answering: the next poll tries again
                        }
                    }
                    return read;
                },
                read -> {
                    filling = false;
                    if (read.isEmpty()) {
                        return;
                    }
                    Map<String, AgentConfig> merged = new LinkedHashMap<>(configs);
                    merged.putAll(read);
                    boolean untouched = formState().equals(original);
                    configsRead(new Configs(lastInfos, Collections.unmodifiableMap(merged), List.of()), untouched);
                },
                failure -> filling = false);
    }

    private List<AgentRow> rowsFor(List<AgentFleet.AgentInfo> infos) {
        List<AgentRow> out = new ArrayList<>(infos.size());
        for (AgentFleet.AgentInfo info : infos) {
            out.add(AgentRow.of(
                    info,
                    lastAnswer.get(info.name()),
                    lastSeen.get(info.name()),
                    outcomes.getOrDefault(info.name(), ""),
                    outcomeKinds.getOrDefault(info.name(), AgentRow.Outcome.NONE)));
        }
        return out;
    }

    private void unread(Throwable failure) {
        stale.set("Could not read the fleet: " + Messages.reason(failure) + "; every row is stale");
        setRows(rows.stream().map(r -> r.staleSince(lastRead)).toList());
    }

    private void setRows(List<AgentRow> next) {
        if (!rows.equals(next)) {
            rows.setAll(next);
        }
    }

    // ---- the config editor

    private void readConfigs() {
        tasks.run("fleet configs", this::readConfigsNow, this::configsRead, failure -> {
            say(Tone.ERROR, "Could not read the agents' configs: " + Messages.reason(failure));
        });
    }

    /** Reads every answering agent's config. Blocking. */
    private Configs readConfigsNow() {
        List<AgentFleet.AgentInfo> infos = fleet.agents();
        Map<String, AgentConfig> read = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (AgentFleet.AgentInfo info : infos) {
            if (!info.reachable()) {
                failed.add(info.name() + ": " + info.problem());
                continue;
            }
            try {
                read.put(info.name(), fleet.config(info.name()));
            } catch (CoreException e) {
                failed.add(info.name() + ": " + e.getMessage());
            }
        }
        return new Configs(infos, Collections.unmodifiableMap(read), failed);
    }

    private void configsRead(Configs read) {
        configs = read.configs();
        show(read.agents());
        configsRead(read, true);
    }

    /** Takes the configs read; {@code reloadForm}: show the chosen route's running policy again. */
    private void configsRead(Configs read, boolean reloadForm) {
        configs = read.configs();
        Set<String> names = new LinkedHashSet<>();
        configs.values().forEach(c -> names.addAll(FleetEdit.routes(c)));
        String keep = route.get();
        loadingForm = true;
        try {
            if (!routes.equals(List.copyOf(names))) {
                routes.setAll(names);
            }
            route.set(names.contains(keep) ? keep : names.stream().findFirst().orElse(null));
        } finally {
            loadingForm = false;
        }
        if (!reloadForm && Objects.equals(keep, route.get())) {
            return;
        }
        loadForm();
        if (!read.problems().isEmpty()) {
            routeInfo.set(routeInfo.get() + ". Configs not read: " + String.join("; ", read.problems()));
        }
    }

    /** Shows the chosen route's running policy; the agents that run the route become the push's targets. */
    private void loadForm() {
        String name = route.get();
        cancelVerdict();
        pending.set(null);
        problems.clear();
        List<String> having = agentsWith(name);
        basePolicy = having.isEmpty()
                ? RoutePolicy.NONE
                : FleetEdit.policyIn(configs.get(having.getFirst()), name).orElseThrow();
        original = PolicyForm.of(basePolicy);
        loadingForm = true;
        try {
            for (PolicyForm.Field field : PolicyForm.Field.values()) {
                fields.get(field).set(original.texts().get(field));
            }
            for (PolicyForm.Section section : PolicyForm.Section.values()) {
                sections.get(section).set(original.sections().contains(section));
            }
            basicAuth.set(original.requireBasicAuth());
            targets.clear();
            targets.addAll(having);
        } finally {
            loadingForm = false;
        }
        List<String> differ = having.stream()
                .filter(a -> !basePolicy.equals(
                        FleetEdit.policyIn(configs.get(a), name).orElseThrow()))
                .toList();
        routeInfo.set(
                name == null
                        ? "No agent's config could be read."
                        : "Route " + name + " runs on " + String.join(", ", having)
                                + (differ.isEmpty()
                                        ? ""
                                        : "; " + String.join(", ", differ) + " run(s) another policy: the form shows "
                                                + having.getFirst() + "'s"));
    }

    private List<String> agentsWith(String name) {
        if (name == null) {
            return List.of();
        }
        return configs.entrySet().stream()
                .filter(e -> FleetEdit.policyIn(e.getValue(), name).isPresent())
                .map(Map.Entry::getKey)
                .toList();
    }

    private PolicyForm.State formState() {
        Set<PolicyForm.Section> on = EnumSet.noneOf(PolicyForm.Section.class);
        sections.forEach((section, property) -> {
            if (property.get()) {
                on.add(section);
            }
        });
        Map<PolicyForm.Field, String> texts = new EnumMap<>(PolicyForm.Field.class);
        fields.forEach((field, property) -> texts.put(field, property.get() == null ? "" : property.get()));
        return new PolicyForm.State(on, texts, basicAuth.get());
    }

    /** Validates the form as it is typed; once the agents accept it too, offers the push for confirmation. */
    private void onEdit() {
        if (loadingForm || route.get() == null) {
            return;
        }
        cancelVerdict();
        pending.set(null);
        PolicyForm.State state = formState();
        List<String> changes = PolicyForm.changes(original, state);
        PolicyForm.Built built = PolicyForm.build(basePolicy, state);
        if (!built.problems().isEmpty()) {
            problems.setAll(built.problems());
            return;
        }
        if (changes.isEmpty() || built.policy().equals(basePolicy)) {
            problems.clear();
            return;
        }
        List<String> to = orderedTargets();
        FleetEdit edit = new FleetEdit(route.get(), built.policy());
        Set<String> found = new LinkedHashSet<>();
        if (to.isEmpty()) {
            found.add("Choose at least one agent to push to.");
        }
        for (String agent : to) {
            AgentConfig config = configs.get(agent);
            if (config == null) {
                found.add(agent + ": its config could not be read");
                continue;
            }
            try {
                found.addAll(edit.problemsIn(config));
            } catch (CoreException.Invalid | IllegalArgumentException e) {
                found.add(agent + " has no route " + edit.route());
            }
        }
        problems.setAll(found);
        if (!found.isEmpty()) {
            return;
        }
        askAgents(edit, to, changes, rolling.get());
    }

    /** Asks each target agent whether it would accept the edited config (nothing is applied). */
    private void askAgents(FleetEdit edit, List<String> to, List<String> changes, boolean roll) {
        long sequence = ++verdictSequence;
        Map<String, AgentConfig> read = configs;
        verdict = tasks.run(
                "validate config",
                () -> {
                    Map<String, List<ConfigError>> verdicts = new LinkedHashMap<>();
                    for (String agent : to) {
                        verdicts.put(agent, fleet.validate(agent, edit.change().apply(read.get(agent))));
                    }
                    return verdicts;
                },
                verdicts -> {
                    if (sequence != verdictSequence) {
                        return;
                    }
                    List<String> rejected = new ArrayList<>();
                    verdicts.forEach((agent, errors) ->
                            errors.forEach(e -> rejected.add(agent + " rejects " + FleetEdit.words(e))));
                    if (!rejected.isEmpty()) {
                        problems.setAll(rejected);
                        return;
                    }
                    pending.set(pendingFor(edit, to, changes, roll, read));
                },
                failure -> {
                    if (sequence == verdictSequence) {
                        problems.setAll("Could not ask the agents to validate: " + Messages.reason(failure));
                    }
                });
    }

    private static Pending pendingFor(
            FleetEdit edit, List<String> to, List<String> changes, boolean roll, Map<String, AgentConfig> read) {
        String who = String.join(", ", to);
        StringBuilder text = new StringBuilder();
        text.append("route ").append(edit.route()).append(" on ").append(who).append(", ");
        text.append(
                roll
                        ? "rolling: one agent after the other, stopping at the first failure"
                        : "all at once: each agent's outcome is its own");
        text.append('\n');
        changes.forEach(c -> text.append("  ").append(c).append('\n'));
        text.append("  config version: ")
                .append(to.stream()
                        .map(a -> a + " " + read.get(a).version() + " -> "
                                + FleetEdit.nextVersion(read.get(a).version()))
                        .collect(Collectors.joining(", ")))
                .append('\n');
        text.append("the agents' own validation: accepted by ").append(who).append('\n');
        text.append("each agent's config is read again and pushed with If-Match: a change made since fails, "
                + "nothing is overwritten");
        String title = "Push route " + edit.route() + " to " + who;
        return new Pending(title, text.toString(), to, roll, edit);
    }

    private List<String> orderedTargets() {
        List<String> order = new ArrayList<>();
        lastInfos.forEach(i -> order.add(i.name()));
        configs.keySet().forEach(name -> {
            if (!order.contains(name)) {
                order.add(name);
            }
        });
        List<String> out =
                new ArrayList<>(order.stream().filter(targets::contains).toList());
        targets.stream().filter(t -> !out.contains(t)).forEach(out::add);
        return out;
    }

    private void cancelVerdict() {
        verdictSequence++;
        if (verdict != null) {
            verdict.cancel();
            verdict = null;
        }
    }

    // ---- push

    /** Pushes the pending edit through the fleet's update (If-Match on each agent's own config). */
    public void confirm() {
        Pending push = pending.get();
        if (push == null || busy.get()) {
            return;
        }
        var refused = guard.refusal();
        if (refused.isPresent()) {
            say(Tone.ERROR, "Not pushed: " + refused.get());
            return;
        }
        busy.set(true);

        say(Tone.INFO, "Pushing: " + push.title() + " ...");
        tasks.run(
                "push config",
                () -> fleet.update(push.targets(), push.edit().change(), push.rolling()),
                results -> {
                    busy.set(false);
                    pending.set(null);
                    pushed(push, results);
                    refresh();
                },
                failure -> {
                    busy.set(false);
                    pending.set(null);
                    say(Tone.ERROR, "Not pushed: " + Messages.reason(failure));
                    refresh();
                });
    }

    private void pushed(Pending push, List<AgentFleet.PushResult> results) {
        outcomes.clear();
        outcomeKinds.clear();
        List<String> applied = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (AgentFleet.PushResult r : results) {
            switch (r.status()) {
                case APPLIED -> {
                    outcomes.put(r.agentName(), "applied: " + r.configVersion());
                    outcomeKinds.put(r.agentName(), AgentRow.Outcome.APPLIED);
                    applied.add(r.agentName());
                }
                case FAILED -> {
                    String why = failure(r);
                    outcomes.put(r.agentName(), "failed: " + why);
                    outcomeKinds.put(r.agentName(), AgentRow.Outcome.FAILED);
                    failed.add(r.agentName() + " (" + why + ")");
                }
                case SKIPPED -> {
                    outcomes.put(r.agentName(), "skipped: an earlier agent failed");
                    outcomeKinds.put(r.agentName(), AgentRow.Outcome.SKIPPED);
                    skipped.add(r.agentName());
                }
            }
        }
        lastInfos.stream()
                .map(AgentFleet.AgentInfo::name)
                .filter(n -> !outcomes.containsKey(n))
                .forEach(n -> {
                    outcomes.put(n, "not in this push");
                    outcomeKinds.put(n, AgentRow.Outcome.NOT_PUSHED);
                });
        setRows(rowsFor(lastInfos));
        if (failed.isEmpty() && skipped.isEmpty()) {
            say(
                    Tone.SUCCESS,
                    "Applied to " + String.join(", ", applied) + ": route "
                            + push.edit().route() + ".");
        } else {
            say(
                    Tone.ERROR,
                    "Applied to " + applied.size() + " of " + results.size() + " agents"
                            + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed))
                            + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped)) + ".");
        }
    }

    private static String failure(AgentFleet.PushResult r) {
        String why = r.failure().getMessage();
        if (!r.errors().isEmpty()) {
            why = r.errors().stream().map(FleetEdit::words).collect(Collectors.joining("; "));
        }
        return why;
    }

    /** Drops the pending push and puts the form back to what the route runs. */
    public void cancel() {
        guard.clear();
        loadForm();
        say(Tone.INFO, "");
    }

    private void say(Tone tone, String text) {
        message.set(new Message(tone, text));
    }

    // ---- properties

    public ObservableList<AgentRow> agents() {
        return rows;
    }

    public ObservableList<String> routes() {
        return routes;
    }

    public ObjectProperty<String> routeProperty() {
        return route;
    }

    public ReadOnlyStringProperty routeInfoProperty() {
        return routeInfo;
    }

    StringProperty field(PolicyForm.Field field) {
        return fields.get(field);
    }

    BooleanProperty section(PolicyForm.Section section) {
        return sections.get(section);
    }

    public BooleanProperty requireBasicAuthProperty() {
        return basicAuth;
    }

    /** The agents the push goes to; the agents running the chosen route by default. */
    public ObservableSet<String> targets() {
        return targets;
    }

    /** Rolling (one after the other, stop at the first failure) or all at once. */
    public BooleanProperty rollingProperty() {
        return rolling;
    }

    /** What is wrong with the form now, in the agents' words; empty when it is valid. */
    public ObservableList<String> problems() {
        return problems;
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

    /** True once the first poll arrived. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }

    /** Which agents stopped answering, or that the whole read failed; empty when all is live. */
    public ReadOnlyStringProperty staleProperty() {
        return stale;
    }
}
