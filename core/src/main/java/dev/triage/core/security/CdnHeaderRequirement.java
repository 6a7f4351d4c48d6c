package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.AgentFleet.PushResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * "Require the CDN header" as one remediation with two parts, in this order: the load balancer's rules ({@link
 * ChangePlanner#requireHeader}: applied, verified and journalled through the change path), then the agents' route
 * gates (through {@link AgentFleet#update}, the same gate edits a {@link CdnSecretRotation} makes). One {@link Plan}
 * previews both. When an agent refuses, the agents already gated are set back and the load balancer change is undone
 * through the journal ({@link Status#ROLLED_BACK}); when that rollback itself fails, the outcome says plainly what is
 * still in place ({@link Status#PARTIAL}) and {@link #undo} takes it off. {@link #undo} of a {@link Status#DONE}
 * outcome reverts both parts, the agents first. What is in place is recorded in a state file beside the audit journal
 * ({@link #STATE_FILE}: listener, header name, the load balancer's journal entry, per agent the routes gated; never a
 * value) before an outcome is returned, so {@link #undo(InPlace, String, String)} works after a restart and the traffic
 * screen's history can tell a requirement's load balancer entry ({@link #recordedFor}). The header's values are
 * secrets: they are never in a plan's preview, an outcome, its messages or the state file. Blocking; call it off any
 * UI thread.
 */
public final class CdnHeaderRequirement {

    /** How the remediation (or its undo) ended. */
    public enum Status {
        /** Both parts are in place (after an undo: both are reverted). */
        DONE,
        /** The load balancer change did not apply (refused or restored by the change path); the agents untouched. */
        LOAD_BALANCER_FAILED,
        /** An agent refused; everything done was set back. */
        ROLLED_BACK,
        /** Something could not be set back; {@link Outcome#loadBalancerEntry} and {@link Outcome#gated} say what. */
        PARTIAL
    }

    /**
     * Both parts, for a preview.
     *
     * @param loadBalancer the plan for the listener's rules
     * @param gates for each agent, the routes whose gates will require the header (agents with nothing to gate absent)
     * @param notes agents left alone and why (nothing forwards without a gate, the config could not be read)
     */
    public record Plan(
            String listenerArn,
            String headerName,
            ChangePlan loadBalancer,
            Map<String, List<String>> gates,
            Map<String, String> notes) {

        public Plan {
            requireNonNull(listenerArn, "listenerArn");
            requireNonNull(headerName, "headerName");
            requireNonNull(loadBalancer, "loadBalancer");
            gates = Collections.unmodifiableMap(new LinkedHashMap<>(gates));
            notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        }

        /** The one preview of both parts; the header's values show as {@code ***}. */
        public String preview() {
            StringBuilder text = new StringBuilder("1. Load balancer: ")
                    .append(PlanPreview.text(loadBalancer))
                    .append("\n2. Then the agents' gates (requests without ")
                    .append(headerName)
                    .append(" = *** get 403 at the agent too):");
            if (gates.isEmpty()) {
                text.append("\n   no agent has a route to gate");
            }
            gates.forEach((agent, routes) -> text.append("\n   agent ")
                    .append(agent)
                    .append(": route(s) ")
                    .append(String.join(", ", routes))
                    .append(" gain the gate"));
            notes.forEach((agent, why) -> text.append("\n   agent ")
                    .append(agent)
                    .append(": left alone, ")
                    .append(why));
            text.append("\nIf an agent refuses, the agents done are set back and the load balancer change is undone.");
            return text.toString();
        }
    }

    /**
     * What a requirement left in place, as recorded in the state file ({@link #STATE_FILE}, beside the audit journal).
     * Never a header value.
     *
     * @param id the journal entry id of the apply that made it (stable while anything of it is in place)
     * @param loadBalancerEntryId the journal entry of the load balancer change still in place, or null when undone
     * @param gated for each agent, exactly the routes whose gates require the header because of it
     * @param updated when the record was last written
     */
    public record InPlace(
            String id,
            String listenerArn,
            String headerName,
            String loadBalancerEntryId,
            Map<String, Set<String>> gated,
            Instant updated) {

        public InPlace {
            requireNonNull(id, "id");
            requireNonNull(listenerArn, "listenerArn");
            requireNonNull(headerName, "headerName");
            requireNonNull(updated, "updated");
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            gated.forEach((agent, routes) -> copy.put(agent, Collections.unmodifiableSet(new LinkedHashSet<>(routes))));
            gated = Collections.unmodifiableMap(copy);
            if (loadBalancerEntryId == null && gated.isEmpty()) {
                throw new IllegalArgumentException("require header " + headerName + " (" + id
                        + "): nothing in place (expected: the load" + " balancer entry, gated agents or both)");
            }
        }

        /** Both parts in words, for a preview of the undo: what goes, in which order. */
        public String undoPreview() {
            StringBuilder text = new StringBuilder("Undo require header ")
                    .append(headerName)
                    .append(" on listener ")
                    .append(listenerArn)
                    .append(", both parts:\n1. The agents' gates come off first:");
            if (gated.isEmpty()) {
                text.append("\n   no agent is gated any more");
            }
            gated.forEach((agent, routes) -> text.append("\n   agent ")
                    .append(agent)
                    .append(": route(s) ")
                    .append(String.join(", ", routes))
                    .append(" no longer require ")
                    .append(headerName));
            text.append("\n2. Then the load balancer: ")
                    .append(
                            loadBalancerEntryId == null
                                    ? "nothing left to undo"
                                    : "undo journal entry " + loadBalancerEntryId
                                            + " (the rules no longer require the header)");
            text.append("\nWhat cannot be undone stays recorded; undo again for the rest.");
            return text.toString();
        }
    }

    /**
     * What one run did.
     *
     * @param loadBalancerEntry the last journal entry this run wrote for the load balancer (the apply; after a
     *     rollback or an undo, that undo's entry), or null when it wrote none
     * @param gated for each agent, the routes whose gates require the header now because of this remediation
     * @param agentProblems per agent, why it was not gated or not set back (values masked)
     * @param detail one paragraph for the user
     * @param inPlace what is still in place as recorded in the state file, or null when nothing is
     */
    public record Outcome(
            Status status,
            String headerName,
            AuditEntry loadBalancerEntry,
            Map<String, Set<String>> gated,
            Map<String, String> agentProblems,
            String detail,
            InPlace inPlace) {

        public Outcome {
            requireNonNull(status, "status");
            requireNonNull(headerName, "headerName");
            requireNonNull(detail, "detail");
            gated = Collections.unmodifiableMap(new LinkedHashMap<>(gated));
            agentProblems = Collections.unmodifiableMap(new LinkedHashMap<>(agentProblems));
        }

        /** Whether anything of it is in place, so {@link #undo} has something to revert. */
        public boolean undoable() {
            return inPlace != null;
        }
    }

    /** The state file's name, beside the audit journal. */
    public static final String STATE_FILE = "cdn-header-requirements.json";

    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final AgentFleet fleet;
    private final Clock clock;
    private final RequirementStateFile state;

    /** @param journal the audit journal {@code applier} writes; the state file lives beside it */
    public CdnHeaderRequirement(ChangePlanner planner, ChangeApplier applier, AgentFleet fleet, AuditJournal journal) {
        this(planner, applier, fleet, journal, Clock.systemUTC());
    }

    public CdnHeaderRequirement(
            ChangePlanner planner, ChangeApplier applier, AgentFleet fleet, AuditJournal journal, Clock clock) {
        this.planner = requireNonNull(planner, "planner");
        this.applier = requireNonNull(applier, "applier");
        this.fleet = requireNonNull(fleet, "fleet");
        this.clock = requireNonNull(clock, "clock");
        this.state = stateFile(requireNonNull(journal, "journal"));
    }

    /**
     * The requirements recorded beside {@code journal} with something still in place, oldest first (for a screen that
     * has no fleet to undo them with). Invalid, naming the file, when it cannot be read.
     */
    public static List<InPlace> recorded(AuditJournal journal) {
        return stateFile(requireNonNull(journal, "journal")).read();
    }

    /** The recorded requirement whose load balancer part is journal entry {@code entryId}, if any. */
    public static Optional<InPlace> recordedFor(AuditJournal journal, String entryId) {
        requireNonNull(entryId, "entryId");
        return recorded(journal).stream()
                .filter(r -> entryId.equals(r.loadBalancerEntryId()))
                .findFirst();
    }

    private static RequirementStateFile stateFile(AuditJournal journal) {
        return new RequirementStateFile(journal.file().resolveSibling(STATE_FILE));
    }

    public Path stateFile() {
        return state.file();
    }

    /** The requirements recorded with something still in place, oldest first. */
    public List<InPlace> inPlace() {
        return state.read();
    }

    /**
     * Plans both parts: the load balancer's ({@link ChangePlanner#requireHeader}, whose errors propagate) and, for each
     * named agent, the routes that forward without a gate. An agent whose config cannot be read is noted, not planned.
     * Invalid when the state file cannot be read (nothing could record the change).
     */
    public Plan plan(String listenerArn, String headerName, List<String> values, List<String> agentNames) {
        requireNonNull(agentNames, "agentNames");
        state.read();
        ChangePlan loadBalancer = planner.requireHeader(listenerArn, headerName, values);
        Map<String, List<String>> gates = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (String agent : agentNames) {
            try {
                List<String> routes = GateValues.ungated(fleet.config(agent));
                if (routes.isEmpty()) {
                    notes.put(agent, "every route that forwards has a header gate already");
                } else {
                    gates.put(agent, routes);
                }
            } catch (CoreException e) {
                notes.put(agent, "cannot read its config: " + scrub(e.getMessage(), values));
            }
        }
        return new Plan(listenerArn, headerName, loadBalancer, gates, notes);
    }

    /**
     * Applies the load balancer part, then the agents' gates, and records what is in place in the state file before
     * it returns; see the class for what happens on a failure. When the record cannot be written, both parts are set
     * back (a change nobody could undo after a restart is not left in place). Invalid, with nothing changed, when the
     * state file cannot be read.
     */
    public Outcome apply(Plan plan, List<String> values, String actor, String reason) {
        requireNonNull(plan, "plan");
        List<String> accepted = List.copyOf(requireNonNull(values, "values"));
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        state.read();
        String header = plan.headerName();
        String listener = plan.listenerArn();
        AuditEntry entry = applier.apply(plan.loadBalancer(), actor, reason);
        if (entry.outcome() != AuditEntry.Outcome.VERIFIED && entry.outcome() != AuditEntry.Outcome.UNVERIFIED) {
            String detail = "load balancer: " + entry.outcome() + ": " + scrub(entry.detail(), accepted)
                    + "; the agents were not changed";
            if (entry.outcome() != AuditEntry.Outcome.FAILED_PARTIAL) {
                return new Outcome(Status.LOAD_BALANCER_FAILED, header, null, Map.of(), Map.of(), detail, null);
            }
            InPlace recorded =
                    recordOrNull(new InPlace(entry.id(), listener, header, entry.id(), Map.of(), clock.instant()));
            return new Outcome(
                    Status.PARTIAL, header, entry, Map.of(), Map.of(), detail + recordNote(recorded), recorded);
        }
        Map<String, Set<String>> gated = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        plan.gates().forEach((agent, routes) -> {
            Set<String> named = new LinkedHashSet<>(routes);
            String failure = update(agent, GateValues.require(header, accepted, named), accepted);
            if (failure == null) {
                gated.put(agent, named);
            } else {
                problems.put(agent, failure);
            }
        });
        String why = null;
        if (problems.isEmpty()) {
            InPlace done = new InPlace(entry.id(), listener, header, entry.id(), gated, clock.instant());
            try {
                state.update(records -> with(records, done));
                return new Outcome(
                        Status.DONE,
                        header,
                        entry,
                        gated,
                        Map.of(),
                        "load balancer: " + entry.outcome() + "; agents gated: " + gated.size() + " of "
                                + plan.gates().size() + "; recorded in "
                                + state.file().getFileName(),
                        done);
            } catch (CoreException e) {
                why = "could not record it: " + e.getMessage();
            }
        }
        // An agent refused (or the record could not be written): set back what was done, the agents first, then the
        // load balancer through the journal.
        String rollbackReason = why != null
                ? "rollback: the change could not be recorded (" + reason + ")"
                : "rollback: an agent refused the gate (" + reason + ")";
        Reverted back = revert(entry.id(), header, gated, actor, rollbackReason);
        Map<String, String> all = new LinkedHashMap<>(problems);
        back.problems().forEach((agent, failure) -> all.put(agent, "not set back: " + failure));
        String refused = why != null
                ? why
                : String.join(
                        "; ",
                        problems.entrySet().stream()
                                .map(e -> "agent " + e.getKey() + ": " + e.getValue())
                                .toList());
        AuditEntry last = back.undoEntry() != null ? back.undoEntry() : entry;
        if (back.done()) {
            return new Outcome(
                    Status.ROLLED_BACK,
                    header,
                    last,
                    Map.of(),
                    all,
                    refused + "; everything was set back, nothing changed",
                    null);
        }
        InPlace recorded = recordOrNull(
                new InPlace(entry.id(), listener, header, back.loadBalancerEntryId(), back.left(), clock.instant()));
        return new Outcome(
                Status.PARTIAL,
                header,
                last,
                back.left(),
                all,
                refused + "; setting back failed part-way: " + back.detail() + recordNote(recorded),
                recorded);
    }

    /** Reverts what {@code outcome} left in place; see {@link #undo(InPlace, String, String)}. */
    public Outcome undo(Outcome outcome, String actor, String reason) {
        requireNonNull(outcome, "outcome");
        if (!outcome.undoable()) {
            throw new CoreException.Invalid(
                    "require header " + outcome.headerName(),
                    List.of("outcome: " + outcome.status() + " with nothing in place (expected: something to undo)"));
        }
        return undo(outcome.inPlace(), actor, reason);
    }

    /**
     * Reverts a recorded requirement: the agents' gates first, then the load balancer change through the journal. The
     * record is read again from the state file (Invalid when it is gone: undone elsewhere); it is removed only when
     * both parts are undone, otherwise what is left is written back and the outcome says so.
     */
    public Outcome undo(InPlace requirement, String actor, String reason) {
        requireNonNull(requirement, "requirement");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        InPlace current = state.read().stream()
                .filter(r -> r.id().equals(requirement.id()))
                .findFirst()
                .orElseThrow(() -> new CoreException.Invalid(
                        "require header " + requirement.headerName(),
                        List.of("requirement " + requirement.id() + ": not recorded in " + state.file()
                                + " (expected: still in place; was it undone elsewhere?)")));
        Reverted back = revert(current.loadBalancerEntryId(), current.headerName(), current.gated(), actor, reason);
        InPlace left = back.done()
                ? null
                : new InPlace(
                        current.id(),
                        current.listenerArn(),
                        current.headerName(),
                        back.loadBalancerEntryId(),
                        back.left(),
                        clock.instant());
        String note;
        try {
            state.update(records -> left == null ? without(records, current.id()) : with(records, left));
            note = left == null
                    ? "; removed from " + state.file().getFileName()
                    : "; what is left stays recorded in " + state.file().getFileName();
        } catch (CoreException e) {
            note = "; the record could not be updated (" + e.getMessage() + ")";
        }
        return new Outcome(
                back.done() ? Status.DONE : Status.PARTIAL,
                current.headerName(),
                back.undoEntry(),
                back.left(),
                back.problems(),
                back.detail() + note,
                left);
    }

    private record Reverted(
            boolean done,
            String loadBalancerEntryId,
            AuditEntry undoEntry,
            Map<String, Set<String>> left,
            Map<String, String> problems,
            String detail) {}

    private Reverted revert(
            String entryId, String header, Map<String, Set<String>> gated, String actor, String reason) {
        Map<String, Set<String>> left = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        gated.forEach((agent, routes) -> {
            String failure = update(agent, GateValues.unrequire(header, routes), List.of());
            if (failure != null) {
                left.put(agent, routes);
                problems.put(agent, failure);
            }
        });
        String stillThere = null;
        AuditEntry undone = null;
        String lb = "load balancer: nothing to undo";
        if (entryId != null) {
            try {
                undone = applier.undo(entryId, actor, reason);
                boolean ok = undone.outcome() == AuditEntry.Outcome.VERIFIED
                        || undone.outcome() == AuditEntry.Outcome.UNVERIFIED;
                stillThere = ok ? null : entryId;
                lb = "load balancer: undo " + undone.outcome() + (ok ? "" : ": " + undone.detail());
            } catch (CoreException e) {
                stillThere = entryId;
                lb = "load balancer: undo failed: " + e.getMessage();
            }
        }
        boolean done = stillThere == null && left.isEmpty();
        String agents = left.isEmpty()
                ? "agents set back: " + gated.size()
                : "agents still gated: " + String.join(", ", left.keySet());
        return new Reverted(
                done,
                stillThere,
                undone,
                left,
                problems,
                lb + "; " + agents + (stillThere != null ? " (undo journal entry " + stillThere + ")" : ""));
    }

    /** Records {@code left}; null when it could not be (the outcome's detail says so through {@link #recordNote}). */
    private InPlace recordOrNull(InPlace left) {
        try {
            state.update(records -> with(records, left));
            return left;
        } catch (CoreException e) {
            return null;
        }
    }

    private String recordNote(InPlace recorded) {
        return recorded != null
                ? "; what is left is recorded in " + state.file().getFileName()
                : "; what is left could NOT be recorded in " + state.file()
                        + ": take it off by hand (the journal entry and agents above)";
    }

    private static List<InPlace> with(List<InPlace> records, InPlace record) {
        List<InPlace> out = new ArrayList<>(without(records, record.id()));
        out.add(record);
        return out;
    }

    private static List<InPlace> without(List<InPlace> records, String id) {
        return records.stream().filter(r -> !r.id().equals(id)).toList();
    }

    /** One agent's update; null when applied, otherwise why not (values masked). */
    private String update(
            String agent, UnaryOperator<dev.triage.agent.api.config.AgentConfig> change, List<String> values) {
        try {
            List<PushResult> results = fleet.update(List.of(agent), change, false);
            List<String> failures = new ArrayList<>();
            for (PushResult result : results) {
                switch (result.status()) {
                    case APPLIED -> {}
                    case FAILED -> failures.add(scrub(result.failure().getMessage(), values));
                    case SKIPPED -> failures.add("skipped");
                }
            }
            return results.isEmpty() ? "no answer" : failures.isEmpty() ? null : String.join("; ", failures);
        } catch (CoreException e) {
            return scrub(e.getMessage(), values);
        }
    }

    private static String scrub(String text, List<String> values) {
        if (text == null) {
            return "no detail";
        }
        String out = text;
        for (String v : values) {
            if (!v.isEmpty()) {
                out = out.replace(v, "***");
            }
        }
        return out;
    }
}
