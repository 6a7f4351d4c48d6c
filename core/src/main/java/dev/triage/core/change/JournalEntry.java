package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import java.time.Instant;
import java.util.List;

/**
 * One line of the audit journal. An {@link Phase#INTENT} line is written before any call is made
 * (outcome null, after empty); a {@link Phase#FINAL} line with the same id records how it ended.
 * An intent without a final line means the process died mid-apply: the live state must be read
 * to know what happened.
 *
 * @param calls one line per API call the plan made, e.g. "ModifyRule: shift rule 10 to ..."
 * @param planned the weights the plan set (what undo expects to find live)
 * @param after the weights read back after applying (may lag {@code planned} when UNVERIFIED)
 * @param inverse the weights undo would restore (the inverse plan's target), empty when nothing
 *     changed
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
        String detail) {

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

    /** Whether this entry changed the live state so that undo has something to restore. */
    public boolean undoable() {
        return phase == Phase.FINAL
                && (outcome == AuditEntry.Outcome.VERIFIED || outcome == AuditEntry.Outcome.UNVERIFIED)
                && !inverse.isEmpty();
    }

    static JournalEntry intent(
            String id, Instant time, String actor, String reason, ChangePlan plan, ChangePlan inverse) {
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

    static JournalEntry last(AuditEntry entry) {
        return new JournalEntry(
                entry.id(),
                Phase.FINAL,
                entry.time(),
                entry.actor(),
                entry.reason(),
                entry.plan().id(),
                entry.plan().title(),
                calls(entry.plan()),
                RuleWeights.of(entry.before()),
                RuleWeights.of(entry.plan().after()),
                RuleWeights.of(entry.after()),
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
