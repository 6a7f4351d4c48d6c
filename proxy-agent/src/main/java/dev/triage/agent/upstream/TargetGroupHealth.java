package dev.triage.agent.upstream;

/**
 * What the agent knows of a target group's recent health, from passive failure counting (and active
 * checks when configured). Retry uses it to hold writes while the group is failing: a write held back
 * is provably not sent, so it can wait for recovery instead of landing in an ambiguous failure.
 */
public interface TargetGroupHealth {

    TargetGroupHealth ALWAYS_HEALTHY = new TargetGroupHealth() {
        @Override
        public boolean failing() {
            return false;
        }

        @Override
        public boolean awaitRecovery(Deadline deadline) {
            return true;
        }
    };

    /** True when recent attempts to the group mostly failed (or it has no healthy target). */
    boolean failing();

    /** Blocks until the group is no longer failing or the deadline passes; true when it recovered. */
    boolean awaitRecovery(Deadline deadline) throws InterruptedException;
}
