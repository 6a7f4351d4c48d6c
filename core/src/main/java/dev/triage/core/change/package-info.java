/**
 * The one path for every load-balancer change: {@link dev.triage.core.change.ChangePlanner} makes a
 * plan from the live state, {@link dev.triage.core.change.PlanPreview} shows it, {@link
 * dev.triage.core.change.ChangeApplier} checks for drift, journals the intent, applies (restoring
 * on a failure part-way), verifies by reading back and journals the outcome with the inverse plan
 * in the {@link dev.triage.core.change.AuditJournal}; undo applies that inverse the same way. An
 * apply the process did not live to finish (an intent line with no final line) is finished by
 * {@link dev.triage.core.change.ChangeApplier#recover}, which restores the weights from before it.
 */
package dev.triage.core.change;
