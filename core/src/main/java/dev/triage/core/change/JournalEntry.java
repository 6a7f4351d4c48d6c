package dev.triage.core.change;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.AuditEntry;
import dev.triage.core.domain.ChangePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("phase", phase.name());
        json.put("time", time.toString());
        json.put("actor", actor);
        json.put("reason", reason);
        json.put("plan", planId);
        json.put("title", title);
        json.put("calls", new ArrayList<Object>(calls));
        json.put("before", before.stream().map(RuleWeights::toJson).toList());
        json.put("planned", planned.stream().map(RuleWeights::toJson).toList());
        json.put("after", after.stream().map(RuleWeights::toJson).toList());
        json.put("inverse", inverse.stream().map(RuleWeights::toJson).toList());
        json.put("outcome", outcome == null ? null : outcome.name());
        json.put("detail", detail);
        return Json.write(json);
    }

    static JournalEntry fromJson(String line) {
        Map<?, ?> json = (Map<?, ?>) Json.parse(line);
        String outcome = (String) json.get("outcome");
        return new JournalEntry(
                (String) json.get("id"),
                Phase.valueOf((String) json.get("phase")),
                Instant.parse((String) json.get("time")),
                (String) json.get("actor"),
                (String) json.get("reason"),
                (String) json.get("plan"),
                (String) json.get("title"),
                ((List<?>) json.get("calls")).stream().map(String.class::cast).toList(),
                weights(json.get("before")),
                weights(json.get("planned")),
                weights(json.get("after")),
                weights(json.get("inverse")),
                outcome == null ? null : AuditEntry.Outcome.valueOf(outcome),
                (String) json.get("detail"));
    }

    private static List<RuleWeights> weights(Object json) {
        return ((List<?>) json).stream().map(RuleWeights::fromJson).toList();
    }
}
