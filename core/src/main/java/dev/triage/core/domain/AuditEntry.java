package dev.triage.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * One line of the append-only audit journal: who did what, when and why, what the resources read
 * before and after, and the plan that undoes it.
 *
 * @param after the resources as read back after applying (empty when nothing was applied)
 * @param inversePlan the plan that undoes this change, or null when nothing changed
 * @param detail what happened in words (the drift found, the error, the verify result), or null
 */
public record AuditEntry(
        String id,
        Instant time,
        String actor,
        String reason,
        ChangePlan plan,
        List<Resource> before,
        List<Resource> after,
        ChangePlan inversePlan,
        Outcome outcome,
        String detail) {

    public AuditEntry {
        Validation v = Validation.of("audit entry " + id);
        v.present("id", id, "an entry id");
        v.present("time", time, "a time");
        v.present("actor", actor, "who made the change");
        v.check(reason != null, "reason: missing (expected: why, may be empty text, not null)");
        v.present("plan", plan, "the plan");
        v.present("outcome", outcome, "an outcome");
        v.throwIfInvalid();
        before = before == null ? List.of() : List.copyOf(before);
        after = after == null ? List.of() : List.copyOf(after);
    }

    public enum Outcome {
        /** Applied and read back as planned. */
        VERIFIED,
        /** Applied, but the read-back did not converge to the plan in time. */
        UNVERIFIED,
        /** The live state drifted since the plan was made; nothing was applied. */
        REFUSED_DRIFT,
        /** A call failed part-way; what had changed was restored. */
        FAILED_RESTORED,
        /** A call failed part-way and restoring failed too; the detail says what is left. */
        FAILED_PARTIAL
    }
}
