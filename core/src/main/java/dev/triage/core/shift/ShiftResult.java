package dev.triage.core.shift;

import dev.triage.core.domain.AuditEntry;
import java.util.List;
import java.util.Map;

/**
 * How a progressive shift ended.
 *
 * @param entries the journal entries it made, in order: one per applied step, then the rollback if any
 * @param weights the rule's weights as last applied or read (empty when unknown)
 * @param reason why it ended, in words: the gate with the measured value and the threshold, the failed step,
 *     the cancel
 */
public record ShiftResult(Outcome outcome, String reason, List<AuditEntry> entries, Map<String, Integer> weights) {

    public ShiftResult {
        entries = List.copyOf(entries);
        weights = Map.copyOf(weights);
    }

    public enum Outcome {
        /** Every step applied and passed its gates: the target group has all the traffic. */
        DONE,
        /** A gate failed, a step failed or it was cancelled; the weights are back as before the first step. */
        ROLLED_BACK,
        /** It stopped and did not roll back (someone else changed the rule), or the rollback itself failed. */
        STOPPED
    }
}
