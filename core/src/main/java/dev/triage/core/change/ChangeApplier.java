package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.Action;
import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Condition;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.LoadBalancers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one path every load-balancer change takes: check the live state still reads as the plan's
 * {@code before} (else refuse, saying what changed), journal the intent, make the calls (restoring
 * what succeeded if one fails), read back until it matches the plan's {@code after} or the verify
 * bound is spent, and journal the outcome with the inverse plan. Undo applies a journal entry's
 * inverse through the same path. Blocking; call it off any UI thread.
 */
public final class ChangeApplier {

    /** How long to wait for the load balancer to converge: {@code attempts} reads, backoff doubling. */
    public record Verify(int attempts, Duration firstBackoff, Duration maxBackoff) {
        public Verify {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts: " + attempts + " (expected: at least 1)");
            }
            requireNonNull(firstBackoff, "firstBackoff");
            requireNonNull(maxBackoff, "maxBackoff");
        }

        /** Eight reads over about 25 s, which covers ALB's usual weight propagation. */
        public static Verify defaults() {
            return new Verify(8, Duration.ofMillis(250), Duration.ofSeconds(8));
        }
    }

    private final LoadBalancers loadBalancers;
    private final ChangePlanner planner;
    private final AuditJournal journal;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Verify verify;
    private final Supplier<String> ids;

    public ChangeApplier(LoadBalancers loadBalancers, AuditJournal journal) {
        this(
                loadBalancers,
                new ChangePlanner(loadBalancers),
                journal,
                Clock.systemUTC(),
                Sleeper.THREAD,
                Verify.defaults(),
                () -> UUID.randomUUID().toString());
    }

    public ChangeApplier(
            LoadBalancers loadBalancers,
            ChangePlanner planner,
            AuditJournal journal,
            Clock clock,
            Sleeper sleeper,
            Verify verify,
            Supplier<String> ids) {
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.planner = requireNonNull(planner, "planner");
        this.journal = requireNonNull(journal, "journal");
        this.clock = requireNonNull(clock, "clock");
        this.sleeper = requireNonNull(sleeper, "sleeper");
        this.verify = requireNonNull(verify, "verify");
        this.ids = requireNonNull(ids, "ids");
    }

    /**
     * Applies {@code plan} and returns the journalled entry: VERIFIED, UNVERIFIED, FAILED_RESTORED
     * or FAILED_PARTIAL (the detail says what failed and what is left). Throws Conflict, after
     * journalling REFUSED_DRIFT, when the live state no longer reads as {@code plan.before()}.
     */
    public AuditEntry apply(ChangePlan plan, String actor, String reason) {
        requireNonNull(plan, "plan");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        checkSupported(plan);
        String id = ids.get();
        ChangePlan inverse = planner.inverse(plan);
        ChangePlan applied = plan.withInverse(inverse.id());

        List<Resource> live = readLive(plan.before());
        List<String> drift = differences(plan.before(), live, "when planned");
        if (!drift.isEmpty()) {
            String detail = "the live state changed since the plan was made: " + String.join("; ", drift);
            record(id, actor, reason, applied, live, List.of(), null, Outcome.REFUSED_DRIFT, detail);
            throw new CoreException.Conflict(detail);
        }

        journal.append(JournalEntry.intent(id, clock.instant(), actor, reason, applied, inverse));

        List<ApiCall> calls = plan.calls();
        List<ApiCall> done = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            try {
                call(calls.get(i));
                done.add(calls.get(i));
            } catch (RuntimeException failure) {
                return restore(id, actor, reason, applied, inverse, done, i, failure);
            }
        }

        List<Resource> after = List.of();
        List<String> unmatched = List.of("not read back");
        int reads = 0;
        for (int attempt = 1; attempt <= verify.attempts(); attempt++) {
            reads = attempt;
            try {
                after = readLive(plan.after());
                unmatched = differences(plan.after(), after, "planned");
            } catch (CoreException readFailure) {
                unmatched = List.of("read back failed: " + readFailure.getMessage());
            }
            if (unmatched.isEmpty() || attempt == verify.attempts() || !pause(backoff(attempt))) {
                break;
            }
        }
        boolean verified = unmatched.isEmpty();
        String detail = verified
                ? "read back as planned"
                : "did not read back as planned after " + reads + " read(s): " + String.join("; ", unmatched);
        return record(
                id,
                actor,
                reason,
                applied,
                plan.before(),
                after,
                inverse,
                verified ? Outcome.VERIFIED : Outcome.UNVERIFIED,
                detail);
    }

    /** Undoes the journal entry {@code entryId} by applying its inverse through {@link #apply}. */
    public AuditEntry undo(String entryId, String actor, String reason) {
        return undo(journal.finalEntry(requireNonNull(entryId, "entryId")), actor, reason);
    }

    /** Undoes the last journalled change that changed something (VERIFIED or UNVERIFIED). */
    public AuditEntry undoLast(String actor, String reason) {
        Optional<JournalEntry> last =
                journal.entries().stream().filter(JournalEntry::undoable).reduce((a, b) -> b);
        return undo(
                last.orElseThrow(() -> new CoreException.NotFound("change to undo", "in " + journal.file())),
                actor,
                reason);
    }

    private AuditEntry undo(JournalEntry entry, String actor, String reason) {
        if (!entry.undoable()) {
            throw new CoreException.Invalid(
                    "undo of " + entry.id(),
                    List.of("outcome: " + entry.outcome() + " (expected: a change that was applied, VERIFIED or"
                            + " UNVERIFIED)"));
        }
        ChangePlan plan =
                planner.restoreWeights("undo " + entry.id() + ": " + entry.title(), entry.planned(), entry.inverse());
        return apply(plan, actor, reason);
    }

    private AuditEntry restore(
            String id,
            String actor,
            String reason,
            ChangePlan plan,
            ChangePlan inverse,
            List<ApiCall> done,
            int failedAt,
            RuntimeException failure) {
        String failed = plan.calls().get(failedAt).operation() + " (call " + (failedAt + 1) + " of "
                + plan.calls().size() + ") failed: " + failure.getMessage();
        List<String> restoreFailures = new ArrayList<>();
        for (ApiCall call : done.reversed()) {
            String ruleArn = (String) call.parameters().get(ChangePlanner.RULE_ARN);
            Rule before = (Rule) plan.before().stream()
                    .filter(r -> r.arn().equals(ruleArn))
                    .findFirst()
                    .orElseThrow();
            try {
                call(ChangePlanner.modifyRule(before));
            } catch (RuntimeException restoreFailure) {
                restoreFailures.add("rule " + before.priority().text() + " (" + ruleArn + ") could not be restored: "
                        + restoreFailure.getMessage());
            }
        }
        List<Resource> after;
        try {
            after = readLive(plan.before());
        } catch (CoreException readFailure) {
            after = List.of();
        }
        if (restoreFailures.isEmpty()) {
            String detail = failed + "; restored the " + done.size() + " call(s) that had succeeded";
            return record(id, actor, reason, plan, plan.before(), after, null, Outcome.FAILED_RESTORED, detail);
        }
        String detail = failed + "; restoring failed too: " + String.join("; ", restoreFailures);
        return record(id, actor, reason, plan, plan.before(), after, inverse, Outcome.FAILED_PARTIAL, detail);
    }

    private AuditEntry record(
            String id,
            String actor,
            String reason,
            ChangePlan plan,
            List<Resource> before,
            List<Resource> after,
            ChangePlan inverse,
            Outcome outcome,
            String detail) {
        AuditEntry entry =
                new AuditEntry(id, clock.instant(), actor, reason, plan, before, after, inverse, outcome, detail);
        journal.append(JournalEntry.last(entry));
        return entry;
    }

    @SuppressWarnings("unchecked")
    private void call(ApiCall call) {
        Map<String, Object> p = call.parameters();
        loadBalancers.modifyRule(
                (String) p.get(ChangePlanner.RULE_ARN),
                (List<Condition>) p.get(ChangePlanner.CONDITIONS),
                (List<Action>) p.get(ChangePlanner.ACTIONS));
    }

    private static void checkSupported(ChangePlan plan) {
        List<String> problems = new ArrayList<>();
        for (ApiCall call : plan.calls()) {
            if (!call.operation().equals(ChangePlanner.MODIFY_RULE)) {
                problems.add("call: " + call.operation() + " (expected: " + ChangePlanner.MODIFY_RULE + ")");
            } else if (plan.before().stream()
                    .noneMatch(r -> r.arn().equals(call.parameters().get(ChangePlanner.RULE_ARN)))) {
                problems.add("call: " + call.description() + " (expected: a rule in the plan's before)");
            }
        }
        for (Resource resource : plan.before()) {
            if (!(resource instanceof Rule)) {
                problems.add("resource: " + resource.arn() + " (expected: a rule)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid("plan " + plan.id(), problems);
        }
    }

    /** The live state of the given rules, in the same order; a rule no longer there is left out. */
    private List<Resource> readLive(List<Resource> resources) {
        List<Resource> live = new ArrayList<>();
        for (Resource resource : resources) {
            Rule rule = (Rule) resource;
            loadBalancers.rules(rule.listenerArn()).stream()
                    .filter(r -> r.arn().equals(rule.arn()))
                    .findFirst()
                    .ifPresent(live::add);
        }
        return live;
    }

    /** What differs between the expected and live resources, in words; empty when they match. */
    static List<String> differences(List<Resource> expected, List<Resource> live, String expectedAs) {
        List<String> out = new ArrayList<>();
        for (Resource want : expected) {
            Optional<Resource> got =
                    live.stream().filter(r -> r.arn().equals(want.arn())).findFirst();
            if (got.isEmpty()) {
                out.add(label(want) + " no longer exists");
            } else if (!got.get().equals(want)) {
                out.add(label(want) + " reads " + state(got.get()) + " (" + expectedAs + ": " + state(want) + ")");
            }
        }
        return out;
    }

    private static String label(Resource resource) {
        return resource instanceof Rule rule
                ? "rule " + rule.priority().text() + " (" + rule.arn() + ")"
                : resource.arn();
    }

    private static String state(Resource resource) {
        if (resource instanceof Rule rule) {
            return "priority " + rule.priority().text() + ", "
                    + rule.conditions().size() + " condition(s), " + PlanPreview.describe(rule.action());
        }
        return resource.toString();
    }

    private Duration backoff(int attempt) {
        Duration d = verify.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(verify.maxBackoff()) > 0 ? verify.maxBackoff() : d;
    }

    /** Waits; false when interrupted (verify stops, the outcome is journalled, the flag stays set). */
    private boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
