package dev.triage.core.security;

import static java.util.Objects.requireNonNull;

import dev.triage.core.change.ChangeApplier;
import dev.triage.core.change.ChangePlanner;
import dev.triage.core.change.PlanPreview;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.AgentFleet.PushResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * "Require the CDN header" as one remediation with two parts, in this order: the load balancer's rules ({@link
 * ChangePlanner#requireHeader}: applied, verified and journalled through the change path), then the agents' route
 * gates (through {@link AgentFleet#update}, the same gate edits a {@link CdnSecretRotation} makes). One {@link Plan}
 * previews both. When an agent refuses, the agents already gated are set back and the load balancer change is undone
 * through the journal ({@link Status#ROLLED_BACK}); when that rollback itself fails, the outcome says plainly what is
 * still in place ({@link Status#PARTIAL}) and {@link #undo} takes it off. {@link #undo} of a {@link Status#DONE}
 * outcome reverts both parts, the agents first. The header's values are secrets: they are never in a plan's preview,
 * an outcome or its messages. Blocking; call it off any UI thread.
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
     * What one run did.
     *
     * @param loadBalancerEntry the journal entry of the load balancer change still in place (null when none is)
     * @param gated for each agent, the routes whose gates require the header now because of this remediation
     * @param agentProblems per agent, why it was not gated or not set back (values masked)
     * @param detail one paragraph for the user
     */
    public record Outcome(
            Status status,
            String headerName,
            AuditEntry loadBalancerEntry,
            Map<String, Set<String>> gated,
            Map<String, String> agentProblems,
            String detail) {

        public Outcome {
            requireNonNull(status, "status");
            requireNonNull(headerName, "headerName");
            requireNonNull(detail, "detail");
            gated = Collections.unmodifiableMap(new LinkedHashMap<>(gated));
            agentProblems = Collections.unmodifiableMap(new LinkedHashMap<>(agentProblems));
        }

        /** Whether anything of it is in place, so {@link #undo} has something to revert. */
        public boolean undoable() {
            return loadBalancerEntry != null || !gated.isEmpty();
        }
    }

    private final ChangePlanner planner;
    private final ChangeApplier applier;
    private final AgentFleet fleet;

    public CdnHeaderRequirement(ChangePlanner planner, ChangeApplier applier, AgentFleet fleet) {
        this.planner = requireNonNull(planner, "planner");
        this.applier = requireNonNull(applier, "applier");
        this.fleet = requireNonNull(fleet, "fleet");
    }

    /**
     * Plans both parts: the load balancer's ({@link ChangePlanner#requireHeader}, whose errors propagate) and, for each
     * named agent, the routes that forward without a gate. An agent whose config cannot be read is noted, not planned.
     */
    public Plan plan(String listenerArn, String headerName, List<String> values, List<String> agentNames) {
        requireNonNull(agentNames, "agentNames");
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

    /** Applies the load balancer part, then the agents' gates; see the class for what happens on a failure. */
    public Outcome apply(Plan plan, List<String> values, String actor, String reason) {
        requireNonNull(plan, "plan");
        List<String> accepted = List.copyOf(requireNonNull(values, "values"));
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        String header = plan.headerName();
        AuditEntry entry = applier.apply(plan.loadBalancer(), actor, reason);
        if (entry.outcome() != AuditEntry.Outcome.VERIFIED && entry.outcome() != AuditEntry.Outcome.UNVERIFIED) {
            boolean partial = entry.outcome() == AuditEntry.Outcome.FAILED_PARTIAL;
            return new Outcome(
                    partial ? Status.PARTIAL : Status.LOAD_BALANCER_FAILED,
                    header,
                    partial ? entry : null,
                    Map.of(),
                    Map.of(),
                    "load balancer: " + entry.outcome() + ": " + scrub(entry.detail(), accepted)
                            + "; the agents were not changed");
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
        if (problems.isEmpty()) {
            return new Outcome(
                    Status.DONE,
                    header,
                    entry,
                    gated,
                    Map.of(),
                    "load balancer: " + entry.outcome() + "; agents gated: " + gated.size() + " of "
                            + plan.gates().size());
        }
        // An agent refused: set back what was done, the agents first, then the load balancer through the journal.
        Outcome back = revert(entry, header, gated, actor, "rollback: an agent refused the gate (" + reason + ")");
        Map<String, String> all = new LinkedHashMap<>(problems);
        back.agentProblems().forEach((agent, why) -> all.put(agent, "not set back: " + why));
        String refused = String.join(
                "; ",
                problems.entrySet().stream()
                        .map(e -> "agent " + e.getKey() + ": " + e.getValue())
                        .toList());
        return back.status() == Status.DONE
                ? new Outcome(
                        Status.ROLLED_BACK,
                        header,
                        null,
                        Map.of(),
                        all,
                        refused + "; everything was set back, nothing changed")
                : new Outcome(
                        Status.PARTIAL,
                        header,
                        back.loadBalancerEntry(),
                        back.gated(),
                        all,
                        refused + "; setting back failed part-way: " + back.detail());
    }

    /** Reverts what {@code outcome} left in place: the agents' gates first, then the load balancer change. */
    public Outcome undo(Outcome outcome, String actor, String reason) {
        requireNonNull(outcome, "outcome");
        if (!outcome.undoable()) {
            throw new CoreException.Invalid(
                    "require header " + outcome.headerName(),
                    List.of("outcome: " + outcome.status() + " with nothing in place (expected: something to undo)"));
        }
        return revert(outcome.loadBalancerEntry(), outcome.headerName(), outcome.gated(), actor, reason);
    }

    private Outcome revert(
            AuditEntry entry, String header, Map<String, Set<String>> gated, String actor, String reason) {
        requireNonNull(actor, "actor");
        Map<String, Set<String>> left = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        gated.forEach((agent, routes) -> {
            String failure = update(agent, GateValues.unrequire(header, routes), List.of());
            if (failure != null) {
                left.put(agent, routes);
                problems.put(agent, failure);
            }
        });
        AuditEntry stillThere = null;
        String lb = "load balancer: nothing to undo";
        if (entry != null) {
            try {
                AuditEntry undone = applier.undo(entry.id(), actor, reason);
                boolean ok = undone.outcome() == AuditEntry.Outcome.VERIFIED
                        || undone.outcome() == AuditEntry.Outcome.UNVERIFIED;
                stillThere = ok ? null : entry;
                lb = "load balancer: undo " + undone.outcome() + (ok ? "" : ": " + undone.detail());
            } catch (CoreException e) {
                stillThere = entry;
                lb = "load balancer: undo failed: " + e.getMessage();
            }
        }
        boolean done = stillThere == null && left.isEmpty();
        String agents = left.isEmpty()
                ? "agents set back: " + gated.size()
                : "agents still gated: " + String.join(", ", left.keySet());
        return new Outcome(
                done ? Status.DONE : Status.PARTIAL,
                header,
                stillThere,
                left,
                problems,
                lb + "; " + agents + (stillThere != null ? " (undo journal entry " + stillThere.id() + ")" : ""));
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
