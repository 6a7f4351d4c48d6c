package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.ApiCall;
import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.AuditEntry.Outcome;
import dev.triage.core.domain.Certificate;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.CoreException;
import dev.triage.core.domain.Listener;
import dev.triage.core.domain.Resource;
import dev.triage.core.domain.Rule;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.PemImport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one path every load-balancer change takes: check the live state of exactly the resources
 * the plan touches still reads as the plan's {@code before} (a resource to create: its place, a
 * rule's priority or a listener's port, still free), else refuse saying what changed; journal
 * the intent; make the calls (restoring what succeeded if one fails, each call undone by its exact
 * inverse); read back until it matches the plan's {@code after} or the verify bound is spent; and
 * journal the outcome with the inverse plan. Undo applies a journal entry's inverse through the
 * same path. Blocking; call it off any UI thread.
 *
 * <p>A plan's calls must be exactly the calls that take its {@code before} to its {@code after}
 * (as {@link ChangePlanner} makes them): rule edits, priority moves, rules created and deleted,
 * listener edits, HTTPS listeners created and deleted. A created resource is known by its place
 * until the provider names it; the final journal line records the provider's ARN, so undo deletes
 * exactly what was created, and undo of that undo creates it again (under a new ARN) and so on.
 *
 * <p>Interrupted applies: the intent line is forced to disk before the first call, so a process
 * killed part-way (kill -9, power loss) leaves an intent with no final line ({@link
 * AuditJournal#incomplete()}); a torn last line is skipped and reported by the reader. Such a
 * change is not undoable through {@link #undo}; {@link #recover} finishes it by setting back every
 * resource it had changed, deleting what it had created and creating again what it had deleted,
 * and journals the final line. Until then {@link #apply} and {@link #undo} refuse (Conflict naming
 * the interrupted change).
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

    /** The operation a certificate import journals. */
    public static final String IMPORT_CERTIFICATE = "ImportCertificate";

    /**
     * Imports a certificate into {@code store}, journalled like a change so the audit trail holds every write: an
     * intent line before the call, a final line after it: VERIFIED when the store describes the certificate that
     * was checked, UNVERIFIED when it describes something else, FAILED_RESTORED (and the store's error rethrown)
     * when the store refused, so nothing was imported. Not undoable: deleting a certificate is not a console
     * action. The private key never reaches the journal. Invalid, with nothing journalled, when the PEM would be
     * refused (see {@link PemImport#inspect}); Conflict while an interrupted change is unfinished.
     */
    public Certificate importCertificate(Certificates store, PemImport pem, String actor, String reason) {
        requireNonNull(store, "store");
        requireNonNull(pem, "pem");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        PemImport.Inspection inspection = pem.inspect();
        if (!inspection.importable()) {
            throw new CoreException.Invalid("certificate import", inspection.problems());
        }
        refuseWhileInterrupted();
        String id = ids.get();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("Subject", inspection.subject());
        parameters.put("DomainNames", String.join(", ", inspection.names()));
        parameters.put("NotAfter", inspection.notAfter().toString());
        parameters.put("Key", inspection.key());
        parameters.put("ChainCertificates", inspection.chainCertificates());
        ChangePlan plan = new ChangePlan(
                "import-" + id,
                "import certificate " + inspection.name(),
                List.of(new ApiCall(
                        IMPORT_CERTIFICATE,
                        parameters,
                        "import certificate " + inspection.subject() + " valid until " + inspection.notAfter())),
                List.of(),
                List.of(),
                null);
        journal.append(JournalEntry.intent(id, clock.instant(), actor, reason, plan, plan));
        Certificate imported;
        try {
            imported = store.importPem(pem);
        } catch (RuntimeException failure) {
            record(
                    id,
                    actor,
                    reason,
                    plan,
                    List.of(),
                    List.of(),
                    null,
                    Outcome.FAILED_RESTORED,
                    "the certificate store refused, nothing imported: " + failure.getMessage(),
                    List.of());
            throw failure;
        }
        boolean verified = inspection.describedBy(imported);
        record(
                id,
                actor,
                reason,
                plan,
                List.of(),
                List.of(),
                null,
                verified ? Outcome.VERIFIED : Outcome.UNVERIFIED,
                "imported as " + imported.arn() + " (" + imported.status() + ")"
                        + (verified
                                ? ""
                                : "; the store describes it as " + imported.domainName() + " expiring "
                                        + imported.notAfter() + ", not " + inspection.name() + " expiring "
                                        + inspection.notAfter()),
                List.of());
        return imported;
    }

    /**
     * Applies {@code plan} and returns the journalled entry: VERIFIED, UNVERIFIED, FAILED_RESTORED
     * or FAILED_PARTIAL (the detail says what failed and what is left). Throws Conflict, after
     * journalling REFUSED_DRIFT, when the live state no longer reads as {@code plan.before()};
     * Invalid, with nothing journalled, when the plan's calls are not the calls that take its
     * before to its after.
     */
    public AuditEntry apply(ChangePlan plan, String actor, String reason) {
        requireNonNull(plan, "plan");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        List<Step> steps = Transition.of(plan);
        refuseDigests("change " + plan.title(), plan.after(), journal.masking(plan.secretHeaders()));
        refuseWhileInterrupted();
        String id = ids.get();
        ChangePlan inverse = planner.inverse(plan);
        ChangePlan applied = plan.withInverse(inverse.id());

        LiveState live = new LiveState(loadBalancers);
        List<String> drift = live.drift(plan.before(), plan.after());
        if (!drift.isEmpty()) {
            Masking masking = journal.masking(plan.secretHeaders());
            List<Resource> read = live.read(plan.before());
            // Drift names live values: a secret header's, seen only live, is named by its digest.
            String detail = masking.scrub(
                    "the live state changed since the plan was made: " + String.join("; ", drift),
                    masking.values(List.of(read, plan.before(), plan.after())));
            record(id, actor, reason, applied, read, List.of(), null, Outcome.REFUSED_DRIFT, detail, plan.after());
            throw new CoreException.Conflict(detail);
        }

        journal.append(JournalEntry.intent(id, clock.instant(), actor, reason, applied, inverse));

        Map<String, Resource> created = new LinkedHashMap<>();
        List<Step> done = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            try {
                Resource made = step.execute(loadBalancers);
                if (step.creates() != null) {
                    created.put(step.creates().arn(), requireNonNull(made, "created resource"));
                }
                done.add(step);
            } catch (RuntimeException failure) {
                return restore(id, actor, reason, applied, inverse, done, created, i, failure);
            }
        }

        List<Resource> planned = resolve(plan.after(), created);
        ReadBack readBack = readBack(planned, deleted(plan.before(), plan.after()));
        boolean verified = readBack.unmatched().isEmpty();
        String detail = verified
                ? "read back as planned"
                : "did not read back as planned after " + readBack.reads() + " read(s): "
                        + String.join("; ", readBack.unmatched());
        ChangePlan undo = created.isEmpty()
                ? inverse
                : named(inverse.id(), planner.transition(inverse.title(), planned, plan.before()));
        return record(
                id,
                actor,
                reason,
                applied,
                plan.before(),
                readBack.live(),
                undo,
                verified ? Outcome.VERIFIED : Outcome.UNVERIFIED,
                detail,
                planned);
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
        String title = "undo " + entry.id() + ": " + entry.title();
        if (!entry.keepsResources()) {
            return apply(planner.restoreWeights(title, entry.planned(), entry.inverse()), actor, reason);
        }
        Masking masking = journal.masking(entry.secretHeaders());
        List<Resource> from = relocated(entry.resources(), masking);
        Map<String, String> clear = masking.clearByDigest(from);
        List<Resource> to = entry.resources().inverse().stream()
                .map(r -> masking.unmask(r, clear))
                .toList();
        refuseDigests("undo of " + entry.id(), to, masking);
        ChangePlan plan = planner.transition(title, from, to).withSecretHeaders(entry.secretHeaders());
        return apply(plan, actor, reason);
    }

    /**
     * The entry's planned resources as undo expects them live. A resource the change created is
     * found by its ARN or, when it is not there (a restore after a failed undo created it again
     * under a new ARN), by its place and content; anything else is left for the drift check.
     */
    private List<Resource> relocated(JournalEntry.Resources resources, Masking masking) {
        Set<String> before = LiveState.arns(resources.before());
        LiveState live = new LiveState(loadBalancers);
        List<Resource> out = new ArrayList<>();
        for (Resource planned : resources.planned()) {
            Optional<Resource> found = live.find(planned);
            if (found.isPresent() && masking.carriesDigest(planned)) {
                // The journal keeps the secret as a digest: the live resource stands in when it
                // matches by digest; otherwise the digest form stays and the drift check refuses.
                out.add(masking.mask(found.get()).equals(planned) ? found.get() : planned);
                continue;
            }
            if (before.contains(planned.arn()) || found.isPresent()) {
                out.add(planned);
                continue;
            }
            out.add(live.atPlaceOf(planned)
                    .filter(holder -> Transition.sameButArn(planned, masking.mask(holder)))
                    .orElse(planned));
        }
        return out;
    }

    /**
     * Invalid when a resource to write carries a secret the journal keeps only as a digest: the
     * clear value is not known any more, so it has to be entered again.
     */
    private static void refuseDigests(String subject, List<Resource> toWrite, Masking masking) {
        List<String> problems = new ArrayList<>();
        for (Resource r : toWrite) {
            if (masking.carriesDigest(r)) {
                problems.add(LiveState.label(r) + ": would carry a secret header value the audit journal keeps only"
                        + " as a digest (expected: the secret entered again; require the header or rotate the"
                        + " secret anew instead)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException.Invalid(subject, problems);
        }
    }

    // ------------------------------------------------------------------ recover

    /**
     * Finishes every change the journal shows as started but never finished (an intent line with
     * no final line: the process applying it was killed or lost power part-way), oldest first, and
     * returns the final lines written. For each, the live state of what it touches is read: what
     * still reads as before the change is left alone; a resource that reads as the change planned
     * (or partly so, such as a rule moved but not yet edited) is set back as it was, a resource the
     * change created is deleted, one it deleted is created again (a new ARN), all through the same
     * calls and read-back as {@link #apply}. A weight shift's rules are set back to their weights.
     * The final line keeps the change's id, actor and reason, and says what was restored and by
     * whom: FAILED_RESTORED when everything reads as before again, FAILED_PARTIAL (with the
     * inverse) when a call failed or the read-back did not converge. So after a kill mid-apply the
     * load balancer reads as before the change, and the interrupted change cannot be undone twice.
     *
     * <p>Conflict, with nothing written, when a touched resource reads neither as before nor as
     * planned (someone changed it since), or no longer exists though the change did not delete
     * it: the change stays incomplete for a person to decide. Changes recovered before the
     * conflicting one stay recovered.
     */
    public List<JournalEntry> recover(String actor, String reason) {
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        List<JournalEntry> finished = new ArrayList<>();
        for (JournalEntry intent : journal.incomplete()) {
            if (isImport(intent)) {
                finished.add(finishImport(intent, actor, reason));
                continue;
            }
            finished.add(
                    intent.keepsResources()
                            ? recoverResources(intent, actor, reason)
                            : recoverWeights(intent, actor, reason));
        }
        return List.copyOf(finished);
    }

    private static boolean isImport(JournalEntry intent) {
        return !intent.calls().isEmpty()
                && intent.calls().stream().allMatch(call -> call.startsWith(IMPORT_CERTIFICATE));
    }

    /** An import the process died in: nothing on the load balancer to set back, the store may hold it or not. */
    private JournalEntry finishImport(JournalEntry intent, String actor, String reason) {
        String detail = "interrupted during a certificate import: the certificate store may or may not hold it now"
                + " (check the certificates list; nothing on the load balancer changed); " + by(actor, reason);
        return intent.keepsResources()
                ? finish(intent, List.of(), List.of(), Outcome.FAILED_PARTIAL, detail)
                : finishWeights(intent, List.of(), List.of(), Outcome.FAILED_PARTIAL, detail);
    }

    private JournalEntry recoverWeights(JournalEntry intent, String actor, String reason) {
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
            throw notRecovered(intent, problems);
        }
        String by = by(actor, reason);
        if (changedFrom.isEmpty()) {
            return finishWeights(
                    intent,
                    intent.before(),
                    List.of(),
                    Outcome.FAILED_RESTORED,
                    "interrupted before any call took effect; every rule reads as before; " + by);
        }
        ChangePlan restore = planner.restoreWeights("recover " + intent.id(), changedFrom, changedTo);
        for (Step step : Transition.of(restore)) {
            try {
                step.execute(loadBalancers);
            } catch (RuntimeException failure) {
                return finishWeights(
                        intent,
                        RuleWeights.ofForwarding(readQuietly(restore.before())),
                        intent.inverse(),
                        Outcome.FAILED_PARTIAL,
                        "interrupted part-way; restoring failed: " + step.call().description() + ": "
                                + failure.getMessage() + "; " + by);
            }
        }
        ReadBack readBack = readBack(restore.after(), List.of());
        if (!readBack.unmatched().isEmpty()) {
            return finishWeights(
                    intent,
                    RuleWeights.ofForwarding(readBack.live()),
                    intent.inverse(),
                    Outcome.FAILED_PARTIAL,
                    "interrupted part-way; restored " + changedFrom.size() + " rule(s) but they did not read back"
                            + " as before after " + readBack.reads() + " read(s): "
                            + String.join("; ", readBack.unmatched()) + "; " + by);
        }
        return finishWeights(
                intent,
                RuleWeights.ofForwarding(readBack.live()),
                List.of(),
                Outcome.FAILED_RESTORED,
                "interrupted part-way; restored " + changedFrom.size() + " rule(s) to the weights before the change,"
                        + " read back as before; " + by);
    }

    private JournalEntry recoverResources(JournalEntry intent, String actor, String reason) {
        JournalEntry.Resources resources = intent.resources();
        Masking masking = journal.masking(intent.secretHeaders());
        LiveState live = new LiveState(loadBalancers);
        List<Resource> from = new ArrayList<>();
        List<Resource> to = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> beforeArns = LiveState.arns(resources.before());
        for (Resource was : resources.before()) {
            Resource planned = resources.planned().stream()
                    .filter(p -> p.arn().equals(was.arn()))
                    .findFirst()
                    .orElse(null);
            Optional<Resource> now = live.find(was);
            Optional<Resource> nowMasked = now.map(masking::mask);
            if (nowMasked.isPresent() && nowMasked.get().equals(was)) {
                continue;
            }
            if (planned == null) {
                if (now.isEmpty()) {
                    to.add(was);
                } else {
                    problems.add(LiveState.label(was) + " reads " + LiveState.state(now.get()) + " (before the change: "
                            + LiveState.state(was) + "; planned: deleted)");
                }
            } else if (now.isEmpty()) {
                problems.add(LiveState.label(was) + " no longer exists");
            } else if (between(was, planned, nowMasked.get())) {
                from.add(now.get());
                to.add(was);
            } else {
                problems.add(LiveState.label(was) + " reads " + LiveState.state(now.get()) + " (before the change: "
                        + LiveState.state(was) + "; planned: " + LiveState.state(planned) + ")");
            }
        }
        for (Resource planned : resources.planned()) {
            if (beforeArns.contains(planned.arn())) {
                continue;
            }
            Optional<Resource> holder = live.atPlaceOf(planned);
            if (holder.isEmpty()) {
                continue;
            }
            if (!Transition.sameButArn(planned, masking.mask(holder.get()))) {
                problems.add(LiveState.place(planned) + " is held by " + LiveState.label(holder.get()) + " reading "
                        + LiveState.state(holder.get()) + " (planned: " + LiveState.state(planned) + ")");
            } else if (holder.get() instanceof Listener listener
                    && live.rules(listener.arn()).stream().anyMatch(r -> !r.isDefault())) {
                problems.add(LiveState.label(listener) + ", which the change created, has rules besides its default"
                        + " (deleting it would delete them)");
            } else {
                from.add(holder.get());
            }
        }
        if (!problems.isEmpty()) {
            throw notRecovered(intent, problems);
        }
        Map<String, String> clear = masking.clearByDigest(from);
        to.replaceAll(r -> masking.unmask(r, clear));
        refuseDigests("recover of " + intent.id(), to, masking);
        String by = by(actor, reason);
        if (from.isEmpty() && to.isEmpty()) {
            return finish(
                    intent,
                    live.read(resources.before()),
                    List.of(),
                    Outcome.FAILED_RESTORED,
                    "interrupted before any call took effect; everything it touches reads as before; " + by);
        }
        List<Step> steps = Transition.steps(from, to, Transition.Direction.BACKWARD);
        Map<String, Resource> created = new LinkedHashMap<>();
        for (Step step : steps) {
            try {
                Resource made = step.execute(loadBalancers);
                if (step.creates() != null) {
                    created.put(step.creates().arn(), made);
                }
            } catch (RuntimeException failure) {
                return finish(
                        intent,
                        readQuietly(resolve(to, created)),
                        resources.before(),
                        Outcome.FAILED_PARTIAL,
                        "interrupted part-way; restoring failed: " + step.call().operation() + " "
                                + step.call().description() + ": " + failure.getMessage() + "; " + by);
            }
        }
        ReadBack readBack = readBack(resolve(to, created), deleted(from, to));
        int restored = steps.size();
        if (!readBack.unmatched().isEmpty()) {
            return finish(
                    intent,
                    readBack.live(),
                    resources.before(),
                    Outcome.FAILED_PARTIAL,
                    "interrupted part-way; made " + restored + " call(s) to restore it but it did not read back as"
                            + " before after " + readBack.reads() + " read(s): "
                            + String.join("; ", readBack.unmatched()) + "; " + by);
        }
        return finish(
                intent,
                readBack.live(),
                List.of(),
                Outcome.FAILED_RESTORED,
                "interrupted part-way; restored what it had changed with " + restored + " call(s), read back as"
                        + " before; " + by);
    }

    /**
     * Whether {@code now} is {@code was} with some of the planned changes made: a rule whose
     * priority and whose conditions-and-actions each read as before or as planned; a listener whose
     * default actions, certificates and SSL policy each do.
     */
    private static boolean between(Resource was, Resource planned, Resource now) {
        if (was instanceof Rule w && planned instanceof Rule p && now instanceof Rule n) {
            boolean priority = n.priority().equals(w.priority()) || n.priority().equals(p.priority());
            boolean content = (n.conditions().equals(w.conditions())
                            && n.actions().equals(w.actions()))
                    || (n.conditions().equals(p.conditions()) && n.actions().equals(p.actions()));
            return priority && content;
        }
        if (was instanceof Listener w && planned instanceof Listener p && now instanceof Listener n) {
            return n.protocol() == w.protocol()
                    && n.port() == w.port()
                    && either(n.defaultActions(), w.defaultActions(), p.defaultActions())
                    && either(n.certificateArns(), w.certificateArns(), p.certificateArns())
                    && either(n.sslPolicy(), w.sslPolicy(), p.sslPolicy());
        }
        return false;
    }

    private static boolean either(Object value, Object a, Object b) {
        return Objects.equals(value, a) || Objects.equals(value, b);
    }

    private static CoreException.Conflict notRecovered(JournalEntry intent, List<String> problems) {
        return new CoreException.Conflict("the interrupted change " + intent.id() + " (" + intent.title()
                + ") was not recovered, the live state changed since: " + String.join("; ", problems));
    }

    private static String by(String actor, String reason) {
        return "recovered by " + actor + (reason.isBlank() ? "" : " (" + reason + ")");
    }

    private JournalEntry finishWeights(
            JournalEntry intent, List<RuleWeights> after, List<RuleWeights> inverse, Outcome outcome, String detail) {
        return append(new JournalEntry(
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
                detail));
    }

    private JournalEntry finish(
            JournalEntry intent, List<Resource> after, List<Resource> inverse, Outcome outcome, String detail) {
        JournalEntry.Resources resources = intent.resources();
        return append(new JournalEntry(
                intent.id(),
                JournalEntry.Phase.FINAL,
                clock.instant(),
                intent.actor(),
                intent.reason(),
                intent.planId(),
                intent.title(),
                intent.calls(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                outcome,
                detail,
                new JournalEntry.Resources(resources.before(), resources.planned(), after, inverse),
                intent.secretHeaders()));
    }

    private JournalEntry append(JournalEntry last) {
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

    // ------------------------------------------------------------------ apply's parts

    private AuditEntry restore(
            String id,
            String actor,
            String reason,
            ChangePlan plan,
            ChangePlan inverse,
            List<Step> done,
            Map<String, Resource> created,
            int failedAt,
            RuntimeException failure) {
        String failed = plan.calls().get(failedAt).operation() + " (call " + (failedAt + 1) + " of "
                + plan.calls().size() + ") failed: " + failure.getMessage();
        List<String> restoreFailures = new ArrayList<>();
        List<Resource> recreated = new ArrayList<>();
        for (Step step : done.reversed()) {
            Resource made =
                    step.creates() == null ? null : created.get(step.creates().arn());
            try {
                Resource again = step.inverse(made).execute(loadBalancers);
                if (again != null) {
                    recreated.add(again);
                }
            } catch (RuntimeException restoreFailure) {
                restoreFailures.add(label(step, made) + " could not be restored: " + restoreFailure.getMessage());
            }
        }
        List<Resource> touched = new ArrayList<>(plan.before());
        touched.addAll(recreated);
        if (!restoreFailures.isEmpty()) {
            touched.addAll(created.values());
        }
        List<Resource> after = readQuietly(touched);
        List<Resource> planned = resolve(plan.after(), created);
        if (restoreFailures.isEmpty()) {
            String detail = failed + "; restored the " + done.size() + " call(s) that had succeeded"
                    + (recreated.isEmpty()
                            ? ""
                            : " (" + recreated.size() + " deleted resource(s) created again under a new ARN)");
            return record(
                    id, actor, reason, plan, plan.before(), after, null, Outcome.FAILED_RESTORED, detail, planned);
        }
        String detail = failed + "; restoring failed too: " + String.join("; ", restoreFailures);
        return record(id, actor, reason, plan, plan.before(), after, inverse, Outcome.FAILED_PARTIAL, detail, planned);
    }

    private static String label(Step step, Resource made) {
        return switch (step) {
            case Step.ModifyRule m -> LiveState.label(m.before());
            case Step.SetPriorities p ->
                "the priorities of " + p.before().stream().map(LiveState::label).toList();
            case Step.CreateRule c -> "the created " + LiveState.label(made == null ? c.planned() : made);
            case Step.DeleteRule d -> "the deleted " + LiveState.label(d.before());
            case Step.ModifyListener m -> LiveState.label(m.before());
            case Step.CreateListener c -> "the created " + LiveState.label(made == null ? c.planned() : made);
            case Step.DeleteListener d -> "the deleted " + LiveState.label(d.before());
        };
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
            String detail,
            List<Resource> planned) {
        AuditEntry entry =
                new AuditEntry(id, clock.instant(), actor, reason, plan, before, after, inverse, outcome, detail);
        journal.append(JournalEntry.last(entry, planned));
        return entry;
    }

    /** {@code plan} under another id (an inverse planned again once created resources have ARNs). */
    private static ChangePlan named(String id, ChangePlan plan) {
        return new ChangePlan(id, plan.title(), plan.calls(), plan.before(), plan.after(), null, plan.secretHeaders());
    }

    /** {@code resources} with each created one under the ARN the provider gave it. */
    private static List<Resource> resolve(List<Resource> resources, Map<String, Resource> created) {
        return resources.stream()
                .map(r -> created.containsKey(r.arn())
                        ? Transition.withArn(r, created.get(r.arn()).arn())
                        : r)
                .toList();
    }

    /** The resources in {@code before} that {@code after} no longer has. */
    private static List<Resource> deleted(List<Resource> before, List<Resource> after) {
        Set<String> kept = LiveState.arns(after);
        return before.stream().filter(r -> !kept.contains(r.arn())).toList();
    }

    private List<Resource> readQuietly(List<Resource> resources) {
        try {
            return new LiveState(loadBalancers).read(resources);
        } catch (CoreException readFailure) {
            return List.of();
        }
    }

    /** The resources as last read, what still differs from {@code expected}, and how many reads it took. */
    private record ReadBack(List<Resource> live, List<String> unmatched, int reads) {}

    /** Reads {@code expected} until it matches (and {@code deleted} is gone) or the verify bound is spent. */
    private ReadBack readBack(List<Resource> expected, List<Resource> deleted) {
        List<Resource> after = List.of();
        List<String> unmatched = List.of("not read back");
        int reads = 0;
        for (int attempt = 1; attempt <= verify.attempts(); attempt++) {
            reads = attempt;
            try {
                LiveState live = new LiveState(loadBalancers);
                after = live.read(expected);
                unmatched = live.unmatched(expected, deleted);
            } catch (CoreException readFailure) {
                unmatched = List.of("read back failed: " + readFailure.getMessage());
            }
            if (unmatched.isEmpty() || attempt == verify.attempts() || !pause(backoff(attempt))) {
                break;
            }
        }
        return new ReadBack(after, unmatched, reads);
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
