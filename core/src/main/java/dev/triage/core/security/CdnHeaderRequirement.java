package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.change.AuditJournal;
import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.JournalEntry;
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
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * value) as a write-ahead record: before anything changes, after each part, and marked in place before an outcome is
 * returned, so {@link #undo(InPlace, String, String)} works after a restart, an apply killed part-way shows as {@link
 * #interrupted()} and {@link #setBack} takes it off, and the traffic
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

    /** Where a record stands: written before anything changes (APPLYING), then once both parts are in (IN_PLACE). */
    public enum RecordStatus {
        /**
         * An apply has started and not finished: what it names as done is done, what it plans may be. Still there
         * after a restart, it is an interrupted apply ({@link #interrupted()}) that {@link #setBack} takes off.
         */
        APPLYING,
        /** Both parts (or what is left of them after a failed rollback or undo) are in place. */
        IN_PLACE
    }

    /**
     * What a requirement left in place, as recorded in the state file ({@link #STATE_FILE}, beside the audit journal).
     * Never a header value. Written before anything changes (status {@link RecordStatus#APPLYING}, with what is
     * planned), updated after each part, then marked {@link RecordStatus#IN_PLACE} before the outcome is reported.
     *
     * @param id the record's id (an older record: the journal entry id of the apply that made it)
     * @param loadBalancerEntryId the journal entry of the load balancer change still in place, or null when undone
     *     (while APPLYING: not applied yet, or applied and not recorded yet: see {@code loadBalancerPlanId})
     * @param gated for each agent, exactly the routes whose gates require the header because of it
     * @param updated when the record was last written
     * @param status APPLYING while an apply has not finished (IN_PLACE for records without one)
     * @param loadBalancerPlanId the id of the load balancer part's plan, as the journal's entries name it (finds the
     *     load balancer change of an interrupted apply); null in older records
     * @param planned while APPLYING, for each agent the routes it is to gate (empty when IN_PLACE)
     */
    public record InPlace(
            String id,
            String listenerArn,
            String headerName,
            String loadBalancerEntryId,
            Map<String, Set<String>> gated,
            Instant updated,
            RecordStatus status,
            String loadBalancerPlanId,
            Map<String, Set<String>> planned) {

        public InPlace {
            requireNonNull(id, "id");
            requireNonNull(listenerArn, "listenerArn");
            requireNonNull(headerName, "headerName");
            requireNonNull(updated, "updated");
            requireNonNull(status, "status");
            gated = copy(gated);
            planned = status == RecordStatus.IN_PLACE ? Map.of() : copy(planned);
            if (status == RecordStatus.IN_PLACE && loadBalancerEntryId == null && gated.isEmpty()) {
                throw new IllegalArgumentException("require header " + headerName + " (" + id
                        + "): nothing in place (expected: the load" + " balancer entry, gated agents or both)");
            }
        }

        /** A record of what is in place (no apply under way). */
        public InPlace(
                String id,
                String listenerArn,
                String headerName,
                String loadBalancerEntryId,
                Map<String, Set<String>> gated,
                Instant updated) {
            this(
                    id,
                    listenerArn,
                    headerName,
                    loadBalancerEntryId,
                    gated,
                    updated,
                    RecordStatus.IN_PLACE,
                    null,
                    Map.of());
        }

        private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            map.forEach((agent, routes) -> copy.put(agent, Collections.unmodifiableSet(new LinkedHashSet<>(routes))));
            return Collections.unmodifiableMap(copy);
        }

        /** Whether an apply started this record and did not finish it. */
        public boolean applying() {
            return status == RecordStatus.APPLYING;
        }

        InPlace with(String entryId, Map<String, Set<String>> nowGated, RecordStatus nowStatus, Instant at) {
            return new InPlace(
                    id, listenerArn, headerName, entryId, nowGated, at, nowStatus, loadBalancerPlanId, planned);
        }

        /** Both parts in words, for a preview of the undo: what goes, in which order. */
        public String undoPreview() {
            StringBuilder text = new StringBuilder("Undo require header ")
                    .append(headerName)
                    .append(" on listener ")
                    .append(listenerArn)
                    .append(", both parts:\n1. The agents' gates come off first:");
            if (gated.isEmpty() && planned.isEmpty()) {
                text.append("\n   no agent is gated any more");
            }
            gated.forEach((agent, routes) -> text.append("\n   agent ")
                    .append(agent)
                    .append(": route(s) ")
                    .append(String.join(", ", routes))
                    .append(" no longer require ")
                    .append(headerName));
            planned.forEach((agent, routes) -> {
                if (!gated.containsKey(agent)) {
                    text.append("\n   agent ")
                            .append(agent)
                            .append(": route(s) ")
                            .append(String.join(", ", routes))
                            .append(" lose the gate where its config shows it (the apply was interrupted)");
                }
            });
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
     * An apply that did not finish (the process died part-way), as its {@link RecordStatus#APPLYING} record and the
     * journal tell it. Never a header value.
     *
     * @param loadBalancer how far the load balancer part got, as the journal says
     * @param loadBalancerEntryId the journal entry of that part (APPLIED, FAILED_PART_WAY, UNFINISHED), else null
     */
    public record Interrupted(InPlace record, LoadBalancerPart loadBalancer, String loadBalancerEntryId) {

        /** How far an interrupted apply's load balancer part got. */
        public enum LoadBalancerPart {
            /** Not started, refused or restored by the change path: nothing of it is in place. */
            NOT_APPLIED,
            /** Applied (VERIFIED or UNVERIFIED): set back undoes its journal entry. */
            APPLIED,
            /** The change path failed part-way and could not restore (FAILED_PARTIAL): check the rules by hand. */
            FAILED_PART_WAY,
            /** The change itself was interrupted (an intent with no final line): set back recovers it first. */
            UNFINISHED
        }

        public Interrupted {
            requireNonNull(record, "record");
            requireNonNull(loadBalancer, "loadBalancer");
        }

        /**
         * In words, e.g. "require X-Origin-Verify on listener arn:... was interrupted: load balancer part applied
         * (journal entry e1), agents edge-a gated, edge-b not".
         */
        public String describe() {
            StringBuilder text = new StringBuilder("require ")
                    .append(record.headerName())
                    .append(" on listener ")
                    .append(record.listenerArn())
                    .append(" was interrupted (")
                    .append(record.updated())
                    .append("): load balancer part ")
                    .append(
                            switch (loadBalancer) {
                                case NOT_APPLIED -> "not applied";
                                case APPLIED -> "applied (journal entry " + loadBalancerEntryId + ")";
                                case FAILED_PART_WAY ->
                                    "failed part-way (journal entry " + loadBalancerEntryId
                                            + "): check the listener's rules";
                                case UNFINISHED ->
                                    "itself interrupted (journal entry " + loadBalancerEntryId
                                            + " never finished; setting back recovers it, as `triage recover` does)";
                            });
            Set<String> agents = new LinkedHashSet<>(record.planned().keySet());
            agents.addAll(record.gated().keySet());
            List<String> gatedAgents =
                    agents.stream().filter(record.gated()::containsKey).toList();
            List<String> notGated =
                    agents.stream().filter(a -> !record.gated().containsKey(a)).toList();
            if (agents.isEmpty()) {
                text.append(", no agent to gate");
            } else {
                text.append(", agents ");
                if (!gatedAgents.isEmpty()) {
                    text.append(String.join(", ", gatedAgents)).append(" gated");
                }
                if (!notGated.isEmpty()) {
                    text.append(gatedAgents.isEmpty() ? "" : ", ")
                            .append(String.join(", ", notGated))
                            .append(" not");
                }
            }
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
    /** The records of applies under way in this process: not interrupted, only not finished yet. */
    private static final Set<String> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final RequirementStateFile state;
    private final AuditJournal journal;
    private final Supplier<String> ids;
    /** Called with each step's name once it is recorded ("intent", "load balancer", "agent NAME", "in place"). */
    private Consumer<String> checkpoint = step -> {};

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
        this.journal = requireNonNull(journal, "journal");
        this.state = stateFile(journal);
        this.ids = () -> "require-" + UUID.randomUUID();
    }

    /** For tests: {@code step} runs after each step is recorded (a test makes it throw: the process died there). */
    void checkpoint(Consumer<String> step) {
        this.checkpoint = requireNonNull(step, "step");
    }

    /**
     * The requirements recorded beside {@code journal} with something still in place, oldest first (for a screen that
     * has no fleet to undo them with). Invalid, naming the file, when it cannot be read.
     */
    public static List<InPlace> recorded(AuditJournal journal) {
        return stateFile(requireNonNull(journal, "journal")).read();
    }

    /**
     * The recorded requirement whose load balancer part is journal entry {@code entryId}, if any: also an interrupted
     * one that died before it could record the entry (found by its plan's id in the journal), so the history undoes
     * both parts of it too.
     */
    public static Optional<InPlace> recordedFor(AuditJournal journal, String entryId) {
        requireNonNull(entryId, "entryId");
        List<InPlace> records = recorded(journal);
        Optional<InPlace> named = records.stream()
                .filter(r -> entryId.equals(r.loadBalancerEntryId()))
                .findFirst();
        if (named.isPresent() || records.stream().noneMatch(r -> r.applying() && r.loadBalancerEntryId() == null)) {
            return named;
        }
        Optional<String> planId = journal.entries().stream()
                .filter(e -> e.id().equals(entryId) && e.phase() == JournalEntry.Phase.FINAL)
                .map(JournalEntry::planId)
                .reduce((a, b) -> b);
        return planId.flatMap(plan -> records.stream()
                .filter(r -> r.applying() && r.loadBalancerEntryId() == null && plan.equals(r.loadBalancerPlanId()))
                .findFirst());
    }

    private static RequirementStateFile stateFile(AuditJournal journal) {
        return new RequirementStateFile(journal.file().resolveSibling(STATE_FILE));
    }

    public Path stateFile() {
        return state.file();
    }

    /** The requirements recorded with something still in place, oldest first (interrupted applies not among them). */
    public List<InPlace> inPlace() {
        return state.read().stream().filter(r -> !r.applying()).toList();
    }

    /**
     * Applies that did not finish (the process died part-way: their record still says {@link RecordStatus#APPLYING}),
     * oldest first, each with how far its load balancer part got as the journal tells it. While there is one, {@link
     * #plan} and {@link #apply} refuse; {@link #setBack} takes it off.
     */
    public List<Interrupted> interrupted() {
        return state.read().stream()
                .filter(r -> r.applying() && !RUNNING.contains(r.id()))
                .map(this::resolve)
                .toList();
    }

    private Interrupted resolve(InPlace record) {
        if (record.loadBalancerEntryId() != null) {
            return new Interrupted(record, Interrupted.LoadBalancerPart.APPLIED, record.loadBalancerEntryId());
        }
        if (record.loadBalancerPlanId() == null) {
            return new Interrupted(record, Interrupted.LoadBalancerPart.NOT_APPLIED, null);
        }
        List<JournalEntry> entries = journal.entries().stream()
                .filter(e -> record.loadBalancerPlanId().equals(e.planId()))
                .toList();
        if (entries.isEmpty()) {
            return new Interrupted(record, Interrupted.LoadBalancerPart.NOT_APPLIED, null);
        }
        JournalEntry last = entries.getLast();
        if (last.phase() == JournalEntry.Phase.INTENT) {
            return new Interrupted(record, Interrupted.LoadBalancerPart.UNFINISHED, last.id());
        }
        return switch (last.outcome()) {
            case VERIFIED, UNVERIFIED -> new Interrupted(record, Interrupted.LoadBalancerPart.APPLIED, last.id());
            case FAILED_PARTIAL -> new Interrupted(record, Interrupted.LoadBalancerPart.FAILED_PART_WAY, last.id());
            case REFUSED_DRIFT, FAILED_RESTORED ->
                new Interrupted(record, Interrupted.LoadBalancerPart.NOT_APPLIED, null);
        };
    }

    /** Conflict naming the first interrupted apply, when there is one (read from {@code records}). */
    private void refuseWhileInterrupted(List<InPlace> records) {
        List<InPlace> applying = records.stream().filter(InPlace::applying).toList();
        if (applying.stream().anyMatch(r -> RUNNING.contains(r.id()))) {
            InPlace running = applying.stream()
                    .filter(r -> RUNNING.contains(r.id()))
                    .findFirst()
                    .orElseThrow();
            throw new CoreException.Conflict("require " + running.headerName() + " on listener " + running.listenerArn()
                    + " is being applied: wait for it to finish");
        }
        if (!applying.isEmpty()) {
            throw new CoreException.Conflict(resolve(applying.getFirst()).describe()
                    + (applying.size() > 1 ? " (and " + (applying.size() - 1) + " more)" : "")
                    + ": set it back first (the security screen's \"Set back\"), then require the header again");
        }
    }

    /**
     * Plans both parts: the load balancer's ({@link ChangePlanner#requireHeader}, whose errors propagate) and, for each
     * named agent, the routes that forward without a gate. An agent whose config cannot be read is noted, not planned.
     * Invalid when the state file cannot be read (nothing could record the change).
     */
    public Plan plan(String listenerArn, String headerName, List<String> values, List<String> agentNames) {
        requireNonNull(agentNames, "agentNames");
        refuseWhileInterrupted(state.read());
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
     * it returns; see the class for what happens on a failure. Write-ahead: the record is written first (status
     * {@link RecordStatus#APPLYING}, what is planned), updated after the load balancer part and after each agent, and
     * marked {@link RecordStatus#IN_PLACE} last; a process that dies in between leaves an {@link #interrupted()}
     * apply. When the last write fails, both parts are set back (a change nobody could undo after a restart is not
     * left in place). Invalid, with nothing changed, when the state file cannot be read or the first record cannot be
     * written; Conflict, with nothing changed, while an interrupted apply is recorded (naming it).
     */
    public Outcome apply(Plan plan, List<String> values, String actor, String reason) {
        requireNonNull(plan, "plan");
        List<String> accepted = List.copyOf(requireNonNull(values, "values"));
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        String header = plan.headerName();
        String listener = plan.listenerArn();
        Map<String, Set<String>> planned = new LinkedHashMap<>();
        plan.gates().forEach((agent, routes) -> planned.put(agent, new LinkedHashSet<>(routes)));
        // Write-ahead: the intent is on disk before anything changes, so a process that dies part-way leaves a record
        // of what may be in place (Invalid, nothing changed, when it cannot be written).
        InPlace intent = new InPlace(
                ids.get(),
                listener,
                header,
                null,
                Map.of(),
                clock.instant(),
                RecordStatus.APPLYING,
                plan.loadBalancer().id(),
                planned);
        try {
            state.update(records -> {
                refuseWhileInterrupted(records);
                RUNNING.add(intent.id()); // under the file's lock: never seen as interrupted while it runs
                return with(records, intent);
            });
        } catch (RuntimeException e) {
            RUNNING.remove(intent.id());
            throw e;
        }
        try {
            return applyParts(plan, accepted, actor, reason, intent);
        } finally {
            RUNNING.remove(intent.id());
        }
    }

    private Outcome applyParts(Plan plan, List<String> accepted, String actor, String reason, InPlace intent) {
        String header = plan.headerName();
        String listener = plan.listenerArn();
        Map<String, Set<String>> planned = intent.planned();
        checkpoint.accept("intent");
        AuditEntry entry;
        try {
            entry = applier.apply(plan.loadBalancer(), actor, reason);
        } catch (CoreException e) {
            forget(intent);
            throw e;
        }
        if (entry.outcome() != AuditEntry.Outcome.VERIFIED && entry.outcome() != AuditEntry.Outcome.UNVERIFIED) {
            String detail = "load balancer: " + entry.outcome() + ": " + scrub(entry.detail(), accepted)
                    + "; the agents were not changed";
            if (entry.outcome() != AuditEntry.Outcome.FAILED_PARTIAL) {
                forget(intent);
                return new Outcome(Status.LOAD_BALANCER_FAILED, header, null, Map.of(), Map.of(), detail, null);
            }
            InPlace recorded = recordOrNull(intent.with(entry.id(), Map.of(), RecordStatus.IN_PLACE, clock.instant()));
            return new Outcome(
                    Status.PARTIAL, header, entry, Map.of(), Map.of(), detail + recordNote(recorded), recorded);
        }
        InPlace progress = progress(intent.with(entry.id(), Map.of(), RecordStatus.APPLYING, clock.instant()));
        checkpoint.accept("load balancer");
        Map<String, Set<String>> gated = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> agent : planned.entrySet()) {
            String failure = update(agent.getKey(), GateValues.require(header, accepted, agent.getValue()), accepted);
            if (failure == null) {
                gated.put(agent.getKey(), agent.getValue());
                progress = progress(progress.with(entry.id(), gated, RecordStatus.APPLYING, clock.instant()));
                checkpoint.accept("agent " + agent.getKey());
            } else {
                problems.put(agent.getKey(), failure);
            }
        }
        String why = null;
        if (problems.isEmpty()) {
            checkpoint.accept("in place");
            InPlace done = progress.with(entry.id(), gated, RecordStatus.IN_PLACE, clock.instant());
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
            String kept = forget(intent)
                    ? ""
                    : "; its record in " + state.file() + " could not be removed (it shows as interrupted:"
                            + " set it back)";
            return new Outcome(
                    Status.ROLLED_BACK,
                    header,
                    last,
                    Map.of(),
                    all,
                    refused + "; everything was set back, nothing changed" + kept,
                    null);
        }
        InPlace recorded = recordOrNull(
                intent.with(back.loadBalancerEntryId(), back.left(), RecordStatus.IN_PLACE, clock.instant()));
        return new Outcome(
                Status.PARTIAL,
                header,
                last,
                back.left(),
                all,
                refused + "; setting back failed part-way: " + back.detail() + recordNote(recorded),
                recorded);
    }

    /**
     * Writes an apply's progress; when it cannot be written the apply goes on (the record written before still names
     * the plan, and setting back reads the journal and the agents' configs), and the next write tries again.
     */
    private InPlace progress(InPlace record) {
        try {
            state.update(records -> with(records, record));
        } catch (CoreException e) {
            // as if the process had died here: the intent on disk still covers it
        }
        return record;
    }

    /** Removes a record with nothing in place; false when the file could not be written. */
    private boolean forget(InPlace record) {
        try {
            state.update(records -> without(records, record.id()));
            return true;
        } catch (CoreException e) {
            return false;
        }
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
        if (current.applying()) {
            return setBack(resolve(current), actor, reason);
        }
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

    /**
     * Takes off what an interrupted apply ({@link #interrupted()}) did, as its record and the journal say: the agents'
     * gates first ({@link GateValues#unrequire}, for each planned agent only the routes its config shows gated on the
     * header; an agent whose config cannot be read is unrequired on the routes recorded as gated and stays recorded),
     * then the load balancer part through its journal entry. When the journal shows that part itself interrupted (an
     * intent with no final line), {@link ChangeApplier#recover} finishes it first, as {@code triage recover} does: it
     * sets back every change the journal shows unfinished. The record is removed when everything is set back; what
     * cannot be stays recorded (as in place once nothing about it is unknown). Invalid when the record is gone or not
     * interrupted.
     */
    public Outcome setBack(Interrupted interrupted, String actor, String reason) {
        requireNonNull(interrupted, "interrupted");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        InPlace current = state.read().stream()
                .filter(r -> r.id().equals(interrupted.record().id()))
                .findFirst()
                .orElseThrow(() -> new CoreException.Invalid(
                        "require header " + interrupted.record().headerName(),
                        List.of("requirement " + interrupted.record().id() + ": not recorded in " + state.file()
                                + " (expected: an interrupted apply; was it set back elsewhere?)")));
        if (!current.applying()) {
            throw new CoreException.Invalid(
                    "require header " + current.headerName(),
                    List.of("requirement " + current.id() + ": " + current.status()
                            + " (expected: an interrupted apply, APPLYING; undo it instead)"));
        }
        String header = current.headerName();
        List<String> notes = new ArrayList<>();
        Interrupted now = resolve(current);
        if (now.loadBalancer() == Interrupted.LoadBalancerPart.UNFINISHED) {
            try {
                List<JournalEntry> recovered = applier.recover(actor, reason);
                notes.add("load balancer: recovered the interrupted change(s) "
                        + String.join(
                                ", ", recovered.stream().map(JournalEntry::id).toList()));
            } catch (CoreException e) {
                notes.add("load balancer: journal entry " + now.loadBalancerEntryId()
                        + " could not be recovered (`triage recover` says more): " + e.getMessage());
            }
            now = resolve(current);
        }
        // The agents: what the record says is gated, and what the agents' configs show gated of what was planned.
        Map<String, Set<String>> toSetBack = new LinkedHashMap<>();
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        Set<String> agents = new LinkedHashSet<>(current.planned().keySet());
        agents.addAll(current.gated().keySet());
        for (String agent : agents) {
            Set<String> recorded = current.gated().getOrDefault(agent, Set.of());
            Set<String> candidates = new LinkedHashSet<>(current.planned().getOrDefault(agent, Set.of()));
            candidates.addAll(recorded);
            Set<String> routes = new LinkedHashSet<>();
            try {
                routes.addAll(GateValues.requiring(fleet.config(agent), header, candidates));
            } catch (CoreException e) {
                routes.addAll(recorded);
                if (!recorded.containsAll(candidates)) {
                    unknown.put(agent, candidates);
                }
                notes.add("agent " + agent + ": cannot read its config: " + e.getMessage());
            }
            if (!routes.isEmpty()) {
                toSetBack.put(agent, routes);
            }
        }
        String entryId = now.loadBalancer() == Interrupted.LoadBalancerPart.APPLIED ? now.loadBalancerEntryId() : null;
        Reverted back = revert(entryId, header, toSetBack, actor, reason);
        Map<String, Set<String>> left = new LinkedHashMap<>(back.left());
        unknown.keySet().forEach(left::remove);
        InPlace rest;
        if (now.loadBalancer() == Interrupted.LoadBalancerPart.UNFINISHED || !unknown.isEmpty()) {
            rest = new InPlace(
                    current.id(),
                    current.listenerArn(),
                    header,
                    back.loadBalancerEntryId(),
                    left,
                    clock.instant(),
                    RecordStatus.APPLYING,
                    // the plan id finds the load balancer part only while it is unfinished; once set back, it is gone
                    now.loadBalancer() == Interrupted.LoadBalancerPart.UNFINISHED ? current.loadBalancerPlanId() : null,
                    unknown);
        } else if (now.loadBalancer() == Interrupted.LoadBalancerPart.FAILED_PART_WAY) {
            notes.add("load balancer: journal entry " + now.loadBalancerEntryId()
                    + " failed part-way and cannot be undone: check the listener's rules");
            rest = current.with(now.loadBalancerEntryId(), left, RecordStatus.IN_PLACE, clock.instant());
        } else {
            rest = back.done()
                    ? null
                    : current.with(back.loadBalancerEntryId(), left, RecordStatus.IN_PLACE, clock.instant());
        }
        String note;
        try {
            state.update(records -> rest == null ? without(records, current.id()) : with(records, rest));
            note = rest == null
                    ? "; removed from " + state.file().getFileName()
                    : rest.applying()
                            ? "; still interrupted in " + state.file().getFileName() + ", set back again for the rest"
                            : "; what is left is recorded in " + state.file().getFileName() + " (undo takes it off)";
        } catch (CoreException e) {
            note = "; the record could not be updated (" + e.getMessage() + ")";
        }
        notes.add(back.detail());
        return new Outcome(
                rest == null ? Status.DONE : Status.PARTIAL,
                header,
                back.undoEntry(),
                rest == null ? Map.of() : rest.gated(),
                back.problems(),
                String.join("; ", notes) + note,
                rest == null || rest.applying() ? null : rest);
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
