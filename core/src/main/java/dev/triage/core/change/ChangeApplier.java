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
 *
 * <p>Interrupted applies: the intent line is forced to disk before the first call, so a process
 * killed part-way (kill -9, power loss) leaves an intent with no final line ({@link
 * AuditJournal#incomplete()}); a torn last line is skipped and reported by the reader. Such a
 * change is not undoable through {@link #undo}; {@link #recover} finishes it by setting every rule
 * it had changed back to the weights recorded before it, and journals the final line. Until
 * then {@link #apply} and {@link #undo} refuse (Conflict naming the interrupted change).
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
        refuseWhileInterrupted();
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

        ReadBack readBack = readBack(plan.after());
        boolean verified = readBack.unmatched().isEmpty();
        String detail = verified
                ? "read back as planned"
                : "did not read back as planned after " + readBack.reads() + " read(s): "
                        + String.join("; ", readBack.unmatched());
        return record(
                id,
                actor,
                reason,
                applied,
                plan.before(),
                readBack.live(),
                inverse,
                verified ? Outcome.VERIFIED : Outcome.UNVERIFIED,
                detail);
    }

    private void refuseWhileInterrupted() {
        List<JournalEntry> interrupted = journal.incomplete();
        if (!interrupted.isEmpty()) {
            JournalEntry first = interrupted.getFirst();
            throw new CoreException.Conflict("the change " + first.id() + " (" + first.title() + ", started by "
                    + first.actor() + " at " + first.time() + ") was interrupted and is not finished"
                    + (interrupted.size() > 1 ? " (and " + (interrupted.size() - 1) + " more)" : "")
                    + ": recover it first (`triage recover`), which sets its rules back as they were");
        }
    }

    /**
     * Finishes every change the journal shows as started but never finished (an intent line with
     * no final line: the process applying it was killed or lost power part-way), oldest first, and
     * returns the final lines written. For each, the live rules are read: a rule that still reads
     * as before the change is left alone; a rule that reads as the change planned is set back to
     * its weights before (ModifyRule, through the same calls and read-back as {@link #apply}). The
     * final line keeps the change's id, actor and reason, and says what was restored and by whom:
     * FAILED_RESTORED when every rule reads as before again, FAILED_PARTIAL (with the inverse) when
     * a call failed or the read-back did not converge. So after a kill mid-apply the load balancer
     * reads exactly as before the change, and the interrupted change cannot be undone twice.
     *
     * <p>Conflict, with nothing written, when a touched rule reads neither as before nor as
     * planned (someone changed it since) or no longer exists: the change stays incomplete for a
     * person to decide. Changes recovered before the conflicting one stay recovered.
     */
    public List<JournalEntry> recover(String actor, String reason) {
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        List<JournalEntry> finished = new ArrayList<>();
        for (JournalEntry intent : journal.incomplete()) {
            finished.add(recover(intent, actor, reason));
        }
        return List.copyOf(finished);
    }

    private JournalEntry recover(JournalEntry intent, String actor, String reason) {
        List<RuleWeights> changedFrom = new ArrayList<>();
        List<RuleWeights> changedTo = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RuleWeights before : intent.before()) {
            RuleWeights planned = intent.planned().stream()
                    .filter(p -> p.ruleArn().equals(before.ruleArn()))
                    .findFirst()
                    .orElse(before);
            Optional<Rule> live = loadBalancers.rules(before.listenerArn()).stream()
                    .filter(r -> r.arn().equals(before.ruleArn()))
                    .findFirst();
            Map<String, Integer> weights =
                    live.flatMap(ChangeApplier::weightsOf).orElse(null);
            String label = "rule " + before.priority() + " (" + before.ruleArn() + ")";
            if (live.isEmpty()) {
                problems.add(label + " no longer exists");
            } else if (before.weights().equals(weights)) {
                continue;
            } else if (planned.weights().equals(weights)) {
                changedFrom.add(planned);
                changedTo.add(before);
            } else {
                problems.add(label + " reads " + (weights == null ? "no forward" : weights) + " (before the change: "
                        + before.weights() + "; planned: " + planned.weights() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Conflict("the interrupted change " + intent.id() + " (" + intent.title()
                    + ") was not recovered, the live state changed since: " + String.join("; ", problems));
        }
        String by = "recovered by " + actor + (reason.isBlank() ? "" : " (" + reason + ")");
        if (changedFrom.isEmpty()) {
            return finish(
                    intent,
                    intent.before(),
                    List.of(),
                    Outcome.FAILED_RESTORED,
                    "interrupted before any call took effect; every rule reads as before; " + by);
        }
        ChangePlan restore = planner.restoreWeights("recover " + intent.id(), changedFrom, changedTo);
        for (ApiCall call : restore.calls()) {
            try {
                call(call);
            } catch (RuntimeException failure) {
                return finish(
                        intent,
                        RuleWeights.of(readLiveQuietly(restore.before())),
                        intent.inverse(),
                        Outcome.FAILED_PARTIAL,
                        "interrupted part-way; restoring failed: " + call.description() + ": " + failure.getMessage()
                                + "; " + by);
            }
        }
        ReadBack readBack = readBack(restore.after());
        if (!readBack.unmatched().isEmpty()) {
            return finish(
                    intent,
                    RuleWeights.of(readBack.live()),
                    intent.inverse(),
                    Outcome.FAILED_PARTIAL,
                    "interrupted part-way; restored " + changedFrom.size() + " rule(s) but they did not read back"
                            + " as before after " + readBack.reads() + " read(s): "
                            + String.join("; ", readBack.unmatched()) + "; " + by);
        }
        return finish(
                intent,
                RuleWeights.of(readBack.live()),
                List.of(),
                Outcome.FAILED_RESTORED,
                "interrupted part-way; restored " + changedFrom.size() + " rule(s) to the weights before the change,"
                        + " read back as before; " + by);
    }

    private JournalEntry finish(
            JournalEntry intent, List<RuleWeights> after, List<RuleWeights> inverse, Outcome outcome, String detail) {
        JournalEntry last = new JournalEntry(
                intent.id(),
                JournalEntry.Phase.FINAL,
                clock.instant(),
                intent.actor(),
                intent.reason(),
                intent.planId(),
                intent.title(),
                intent.calls(),
                intent.before(),
                intent.planned(),
                after,
                inverse,
                outcome,
                detail);
        journal.append(last);
        return last;
    }

    private static Optional<Map<String, Integer>> weightsOf(Rule rule) {
        try {
            return Optional.of(RuleWeights.of(rule).weights());
        } catch (IllegalArgumentException notAForward) {
            return Optional.empty();
        }
    }

    private List<Resource> readLiveQuietly(List<Resource> resources) {
        try {
            return readLive(resources);
        } catch (CoreException readFailure) {
            return List.of();
        }
    }

    /** The rules as last read, what still differs from {@code expected}, and how many reads it took. */
    private record ReadBack(List<Resource> live, List<String> unmatched, int reads) {}

    /** Reads {@code expected}'s rules until they match it or the verify bound is spent. */
    private ReadBack readBack(List<Resource> expected) {
        List<Resource> after = List.of();
        List<String> unmatched = List.of("not read back");
        int reads = 0;
        for (int attempt = 1; attempt <= verify.attempts(); attempt++) {
            reads = attempt;
            try {
                after = readLive(expected);
                unmatched = differences(expected, after, "planned");
            } catch (CoreException readFailure) {
                unmatched = List.of("read back failed: " + readFailure.getMessage());
            }
            if (unmatched.isEmpty() || attempt == verify.attempts() || !pause(backoff(attempt))) {
                break;
            }
        }
        return new ReadBack(after, unmatched, reads);
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
