package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import dev.triage.core.domain.Resource;
import java.time.Instant;
import java.util.List;

/**
 * One line of the audit journal. An {@link Phase#INTENT} line is written before any call is made
 * (outcome null, after empty); a {@link Phase#FINAL} line with the same id records how it ended.
 * An intent without a final line means the process died mid-apply: the live state must be read
 * to know what happened.
 *
 * <p>Two kinds of entry. A weight shift (every touched resource a forwarding rule whose weights
 * alone change) keeps each rule's weights in {@code before}, {@code planned}, {@code after} and
 * {@code inverse}, as the first journal did; {@code resources} is null. Every other change keeps
 * the whole rules and listeners in {@link #resources()} and leaves the weight lists empty.
 *
 * @param calls one line per API call the plan made, e.g. "ModifyRule: shift rule 10 to ..."
 * @param planned the weights the plan set (what undo expects to find live)
 * @param after the weights read back after applying (may lag {@code planned} when UNVERIFIED)
 * @param inverse the weights undo would restore (the inverse plan's target), empty when nothing
 *     changed
 * @param resources the whole resources of a change other than a weight shift, else null
 */
public record JournalEntry(
        String id,
        Phase phase,
        Instant time,
        String actor,
        String reason,
        String planId,
        String title,
        List<String> calls,
        List<RuleWeights> before,
        List<RuleWeights> planned,
        List<RuleWeights> after,
        List<RuleWeights> inverse,
        AuditEntry.Outcome outcome,
        String detail,
        Resources resources) {

    /**
     * The rules and listeners a change touched, whole.
     *
     * @param before as they read before the change (the ones it created are absent)
     * @param planned as the plan sets them (absent: the ones it deletes); in an intent a created
     *     resource has a provisional ARN, in a final entry the provider's
     * @param after as read back after applying (may lag {@code planned} when UNVERIFIED)
     * @param inverse what undo restores them to: {@code before}, or empty when nothing is left to
     *     undo; a deleted rule comes back with a new ARN
     */
    public record Resources(
            List<Resource> before, List<Resource> planned, List<Resource> after, List<Resource> inverse) {
        public Resources {
            before = List.copyOf(before);
            planned = List.copyOf(planned);
            after = List.copyOf(after);
            inverse = List.copyOf(inverse);
        }
    }

    public enum Phase {
        INTENT,
        FINAL
    }

    public JournalEntry {
        requireNonNull(id, "id");
        requireNonNull(phase, "phase");
        requireNonNull(time, "time");
        requireNonNull(actor, "actor");
        requireNonNull(reason, "reason");
        requireNonNull(planId, "planId");
        requireNonNull(title, "title");
        calls = List.copyOf(calls);
        before = List.copyOf(before);
        planned = List.copyOf(planned);
        after = List.copyOf(after);
        inverse = List.copyOf(inverse);
        if (phase == Phase.FINAL) {
            requireNonNull(outcome, "outcome");
        }
    }

    /** A weight-shift entry (no whole resources), as the first journal wrote them. */
    public JournalEntry(
            String id,
            Phase phase,
            Instant time,
            String actor,
            String reason,
            String planId,
            String title,
            List<String> calls,
            List<RuleWeights> before,
            List<RuleWeights> planned,
            List<RuleWeights> after,
            List<RuleWeights> inverse,
            AuditEntry.Outcome outcome,
            String detail) {
        this(
                id, phase, time, actor, reason, planId, title, calls, before, planned, after, inverse, outcome, detail,
                null);
    }

    /** Whether this entry changed the live state so that undo has something to restore. */
    public boolean undoable() {
        if (phase != Phase.FINAL
                || (outcome != AuditEntry.Outcome.VERIFIED && outcome != AuditEntry.Outcome.UNVERIFIED)) {
            return false;
        }
        return resources == null ? !inverse.isEmpty() : !resources.planned().equals(resources.inverse());
    }

    /** Whether this entry keeps whole resources (any change but a weight shift). */
    public boolean keepsResources() {
        return resources != null;
    }

    static JournalEntry intent(
            String id, Instant time, String actor, String reason, ChangePlan plan, ChangePlan inverse) {
        if (!RuleWeights.shiftOnly(plan)) {
            return new JournalEntry(
                    id,
                    Phase.INTENT,
                    time,
                    actor,
                    reason,
                    plan.id(),
                    plan.title(),
                    calls(plan),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    new Resources(plan.before(), plan.after(), List.of(), inverse.after()));
        }
        return new JournalEntry(
                id,
                Phase.INTENT,
                time,
                actor,
                reason,
                plan.id(),
                plan.title(),
                calls(plan),
                RuleWeights.of(plan.before()),
                RuleWeights.of(plan.after()),
                List.of(),
                RuleWeights.of(inverse.after()),
                null,
                null);
    }

    /**
     * The final line for {@code entry}; {@code planned} is the plan's after with created resources
     * under the ARNs the provider gave them.
     */
    static JournalEntry last(AuditEntry entry, List<Resource> planned) {
        if (!RuleWeights.shiftOnly(entry.plan())) {
            return new JournalEntry(
                    entry.id(),
                    Phase.FINAL,
                    entry.time(),
                    entry.actor(),
                    entry.reason(),
                    entry.plan().id(),
                    entry.plan().title(),
                    calls(entry.plan()),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    entry.outcome(),
                    entry.detail(),
                    new Resources(
                            entry.plan().before(),
                            planned,
                            entry.after(),
                            entry.inversePlan() == null
                                    ? List.of()
                                    : entry.inversePlan().after()));
        }
        return new JournalEntry(
                entry.id(),
                Phase.FINAL,
                entry.time(),
                entry.actor(),
                entry.reason(),
                entry.plan().id(),
                entry.plan().title(),
                calls(entry.plan()),
                RuleWeights.ofForwarding(entry.before()),
                RuleWeights.of(entry.plan().after()),
                RuleWeights.ofForwarding(entry.after()),
                entry.inversePlan() == null
                        ? List.of()
                        : RuleWeights.of(entry.inversePlan().after()),
                entry.outcome(),
                entry.detail());
    }

    private static List<String> calls(ChangePlan plan) {
        return plan.calls().stream()
                .map(c -> c.operation() + ": " + c.description())
                .toList();
    }

    /** The entry as its journal line (without the line break). */
    String toJson() {
        return JournalCodec.write(this);
    }

    /** The entry a journal line holds; IllegalArgumentException when the line is not a whole entry. */
    static JournalEntry fromJson(String line) {
        return JournalCodec.read(line);
    }
}
