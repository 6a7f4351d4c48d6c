package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.HttpHeader;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.AgentFleet.PushResult;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.RotationState.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rotates the CDN's secret header with an overlap window, so no request the CDN sends is refused
 * at any point:
 *
 * <ol>
 *   <li>{@link #start}: records the header, the listeners and agents in scope and the digests of
 *       the old and new values ({@link Stage#START}); nothing changes.
 *   <li>{@link #overlap}: the new value is accepted alongside the old everywhere: each listener's
 *       rules with an http-header condition on the header get {@code [old, new]} (one change plan
 *       per listener through the change path: journalled with the values as digests, undoable), and
 *       each agent's gate gets both values through {@link AgentFleet#update}.
 *   <li>The user switches the CDN to send the new value; the tool cannot see the CDN, so it shows
 *       {@link #instruction()} and waits for {@link #confirmCdnSwitched}.
 *   <li>{@link #retire}: the old value is removed everywhere ({@code [new]}), then {@link #finish}
 *       closes the rotation ({@link Stage#DONE}).
 * </ol>
 *
 * {@link #abort} goes from the overlap back to {@code [old]} only (refused once the CDN is
 * confirmed switched: it would refuse the CDN's requests). A stage that did not reach every
 * listener or agent (a failed plan, an unreachable agent) is persisted as incomplete with what is
 * left and why; calling the same stage again retries only what is left. The values are passed to
 * each stage (never stored) and checked against the digests recorded at start.
 *
 * <p>The state is a small JSON file beside the audit journal ({@code cdn-secret-rotation.json},
 * written atomically after every step) holding stage, what is left and the two digests, never the
 * values. Blocking; call it off any UI thread.
 */
public final class CdnSecretRotation {

    /** The state file's name, beside the audit journal. */
    public static final String STATE_FILE = "cdn-secret-rotation.json";

    private final LoadBalancers loadBalancers;
    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final AgentFleet fleet;
    private final AuditJournal journal;
    private final Clock clock;
    private final RotationStateFile stateFile;

    public CdnSecretRotation(
            LoadBalancers loadBalancers,
            ChangePlanner planner,
            ChangeApplier applier,
            AgentFleet fleet,
            AuditJournal journal,
            Clock clock) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.planner = requireNonNull(planner, "planner");
        this.applier = requireNonNull(applier, "applier");
        this.fleet = requireNonNull(fleet, "fleet");
        this.journal = requireNonNull(journal, "journal");
        this.clock = requireNonNull(clock, "clock");
        this.stateFile = new RotationStateFile(journal.file().resolveSibling(STATE_FILE));
    }

    public Path stateFile() {
        return stateFile.file();
    }

    /** The rotation as last persisted, if one was ever started. */
    public Optional<RotationState> state() {
        return stateFile.read();
    }

    /** What the user does between the overlap and retiring. */
    public String instruction() {
        String header = state().map(RotationState::headerName).orElse("the secret header");
        return "Both values of " + header + " are accepted now. Switch the CDN to send the new value (the origin"
                + " custom header of every distribution in front of this load balancer), wait until the change is"
                + " deployed, then confirm here; only then is the old value retired.";
    }

    /**
     * Records a new rotation. Invalid when the values are equal or break ALB's limits, when there
     * are no listeners, or when a rotation is under way (not DONE or ABORTED).
     */
    public RotationState start(
            String headerName, List<String> listenerArns, List<String> agentNames, String oldValue, String newValue) {
        requireNonNull(listenerArns, "listenerArns");
        requireNonNull(agentNames, "agentNames");
        new HttpHeader(headerName, List.of(requireNonNull(oldValue, "oldValue"), requireNonNull(newValue, "newValue")));
        List<String> problems = new ArrayList<>();
        if (oldValue.equals(newValue)) {
            problems.add("new value: the same as the old (expected: a different value)");
        }
        if (listenerArns.isEmpty()) {
            problems.add("listeners: none (expected: at least one listener whose rules require the header)");
        }
        if (new HashSet<>(listenerArns).size() != listenerArns.size()
                || new HashSet<>(agentNames).size() != agentNames.size()) {
            problems.add("listeners and agents: a name twice (expected: each once)");
        }
        state().filter(s -> !s.closed())
                .ifPresent(s -> problems.add("rotation of " + s.headerName() + ": " + s.stage()
                        + " (expected: DONE or ABORTED before a new one starts)"));
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("rotation of " + headerName, problems);
        }
        RotationState state = new RotationState(
                headerName,
                Stage.START,
                true,
                journal.digests().digest(oldValue),
                journal.digests().digest(newValue),
                false,
                listenerArns,
                agentNames,
                Map.of(),
                Map.of(),
                List.of(),
                clock.instant());
        stateFile.write(state);
        return state;
    }

    /**
     * Makes both values accepted everywhere (or retries what an earlier call left). Invalid unless
     * the rotation is at START or OVERLAP and the values match the digests recorded at start.
     */
    public RotationState overlap(String oldValue, String newValue, String actor) {
        RotationState state = current();
        expect(state, "overlap", state.stage() == Stage.START || state.stage() == Stage.OVERLAP);
        checkValue(state, "old value", oldValue, state.oldDigest());
        checkValue(state, "new value", newValue, state.newDigest());
        return run(state, Stage.OVERLAP, List.of(oldValue, newValue), actor);
    }

    /** The user's word that the CDN sends the new value. Invalid unless the overlap is complete. */
    public RotationState confirmCdnSwitched() {
        RotationState state = current();
        expect(state, "confirming the CDN switched", state.stage() == Stage.OVERLAP && state.complete());
        RotationState switched = state.switched(clock.instant());
        stateFile.write(switched);
        return switched;
    }

    /**
     * Removes the old value everywhere (or retries what an earlier call left). Invalid unless the
     * overlap is complete and the CDN confirmed switched, or a retire is incomplete; the value
     * must match the new digest.
     */
    public RotationState retire(String newValue, String actor) {
        RotationState state = current();
        expect(
                state,
                "retiring the old value",
                (state.stage() == Stage.OVERLAP && state.complete() && state.cdnSwitched())
                        || (state.stage() == Stage.RETIRED && !state.complete()));
        checkValue(state, "new value", newValue, state.newDigest());
        return run(state, Stage.RETIRED, List.of(newValue), actor);
    }

    /** Closes a complete retire. */
    public RotationState finish() {
        RotationState state = current();
        expect(state, "finishing", state.stage() == Stage.RETIRED && state.complete());
        RotationState done = state.at(Stage.DONE, Map.of(), Map.of(), state.journalEntries(), clock.instant());
        stateFile.write(done);
        return done;
    }

    /**
     * Goes back from the overlap to the old value only (or retries what an earlier abort left).
     * Invalid once the CDN is confirmed switched or the old value retired; the value must match
     * the old digest.
     */
    public RotationState abort(String oldValue, String actor) {
        RotationState state = current();
        expect(
                state,
                "aborting",
                (state.stage() == Stage.OVERLAP && !state.cdnSwitched())
                        || (state.stage() == Stage.ABORTED && !state.complete()));
        checkValue(state, "old value", oldValue, state.oldDigest());
        return run(state, Stage.ABORTED, List.of(oldValue), actor);
    }

    // ------------------------------------------------------------------ one stage

    private RotationState run(RotationState state, Stage target, List<String> values, String actor) {
        requireNonNull(actor, "actor");
        boolean retry = state.stage() == target;
        Map<String, String> listenersLeft = new LinkedHashMap<>();
        Map<String, String> agentsLeft = new LinkedHashMap<>();
        for (String l : retry ? state.listenersLeft().keySet() : state.listeners()) {
            listenersLeft.put(l, "not changed yet");
        }
        for (String a : retry ? state.agentsLeft().keySet() : state.agents()) {
            agentsLeft.put(a, "not pushed yet");
        }
        List<String> entries = new ArrayList<>(state.journalEntries());
        // Persist first: a crash mid-stage shows this stage as incomplete, with everything left.
        stateFile.write(state.at(target, listenersLeft, agentsLeft, entries, clock.instant()));

        String reason = "CDN secret rotation of " + state.headerName() + ": " + target;
        for (String listener : List.copyOf(listenersLeft.keySet())) {
            try {
                if (atValues(listener, state.headerName(), values)) {
                    listenersLeft.remove(listener);
                    continue;
                }
                AuditEntry entry =
                        applier.apply(planner.setHeaderValues(listener, state.headerName(), values), actor, reason);
                entries.add(entry.id());
                if (entry.outcome() == AuditEntry.Outcome.VERIFIED
                        || entry.outcome() == AuditEntry.Outcome.UNVERIFIED) {
                    listenersLeft.remove(listener);
                } else {
                    listenersLeft.put(listener, entry.outcome() + ": " + scrub(entry.detail(), values));
                }
            } catch (CoreException e) {
                listenersLeft.put(listener, scrub(e.getMessage(), values));
            }
            stateFile.write(state.at(target, listenersLeft, agentsLeft, entries, clock.instant()));
        }

        if (!agentsLeft.isEmpty()) {
            try {
                List<PushResult> results = fleet.update(
                        List.copyOf(agentsLeft.keySet()), GateValues.set(state.headerName(), values), false);
                for (PushResult result : results) {
                    switch (result.status()) {
                        case APPLIED -> agentsLeft.remove(result.agentName());
                        case FAILED ->
                            agentsLeft.put(
                                    result.agentName(), scrub(result.failure().getMessage(), values));
                        case SKIPPED -> agentsLeft.put(result.agentName(), "skipped");
                    }
                }
            } catch (CoreException e) {
                String why = scrub(e.getMessage(), values);
                agentsLeft.replaceAll((a, old) -> why);
            }
        }
        RotationState after = state.at(target, listenersLeft, agentsLeft, entries, clock.instant());
        stateFile.write(after);
        return after;
    }

    /** Whether every rule of the listener with a condition on the header accepts exactly {@code values}. */
    private boolean atValues(String listener, String headerName, List<String> values) {
        boolean any = false;
        for (Rule rule : loadBalancers.rules(listener)) {
            for (var c : rule.conditions()) {
                if (c instanceof HttpHeader h && h.name().equalsIgnoreCase(headerName)) {
                    any = true;
                    if (!h.values().equals(values)) {
                        return false;
                    }
                }
            }
        }
        return any;
    }

    private static String scrub(String text, List<String> values) {
        if (text == null) {
            return "no detail";
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, "***");
        }
        return out;
    }

    private RotationState current() {
        return state().orElseThrow(() -> new CoreException.NotFound("rotation", "in " + stateFile.file()));
    }

    private static void expect(RotationState state, String what, boolean allowed) {
        if (!allowed) {
            throw new CoreException.Invalid(
                    "rotation of " + state.headerName(),
                    List.of("stage: " + state.stage() + (state.complete() ? " (complete)" : " (incomplete)")
                            + (state.cdnSwitched() ? ", CDN switched" : "") + " (expected: a stage that allows "
                            + what + ")"));
        }
    }

    private void checkValue(RotationState state, String name, String value, String digest) {
        requireNonNull(value, name);
        if (!journal.digests().digest(value).equals(digest)) {
            throw new CoreException.Invalid(
                    "rotation of " + state.headerName(),
                    List.of(name + ": not the one given at start (expected: the same value; it is kept only as a"
                            + " digest)"));
        }
    }
}
