/**
 * Progressive traffic shifting: {@link dev.triage.core.shift.ProgressiveShift} moves a forwarding rule's
 * traffic to one target group in steps (by default 1, 5, 25, 50, 100 percent), each step one weight shift
 * through the change path ({@link dev.triage.core.change.ChangePlanner#shiftWeights} then {@link
 * dev.triage.core.change.ChangeApplier#apply}: drift-checked, journalled, verified), then bakes, then reads
 * the target group's metrics over the bake window through the {@link dev.triage.core.port.Metrics} port
 * and checks the {@link dev.triage.core.shift.Gates}. A failed gate, a failed step or a cancel rolls back
 * to the weights from before the first step in one more journalled plan.
 */
package dev.triage.core.shift;
