/**
 * The one path for every load-balancer change: {@link dev.triage.core.change.ChangePlanner} makes a
 * plan from the live state (weight shifts; the rule editor's create, modify, delete and priority
 * moves; listener edits, HTTPS listeners and SSL policies; the remediations: block sources,
 * require a header, redirect HTTP to HTTPS), {@link dev.triage.core.change.PlanPreview} shows it,
 * {@link dev.triage.core.change.ChangeApplier} checks for drift on exactly what the plan touches,
 * journals the intent, applies (restoring on a failure part-way, each call undone by its exact
 * inverse), verifies by reading back and journals the outcome with the inverse plan in the {@link
 * dev.triage.core.change.AuditJournal}; undo applies that inverse the same way. A weight shift is
 * journalled as rule weights (the first journal's form, still read); every other change keeps
 * whole rules and listeners. An apply the process did not live to finish (an intent line with no
 * final line) is finished by {@link dev.triage.core.change.ChangeApplier#recover}, which sets back
 * what it changed, deletes what it created and creates again what it deleted.
 */
package dev.triage.core.change;
