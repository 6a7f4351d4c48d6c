package dev.triage.core.shift;

import java.time.Instant;

/**
 * Where a progressive shift is, for a listener: step {@code step} of {@code steps} (0 before the first and for
 * a rollback), its percent, its state, the time a bake ends (or null), and what happened in words.
 */
public record Progress(int step, int steps, int percent, State state, Instant until, String words) {

    public enum State {
        APPLYING,
        BAKING,
        GATE_PASSED,
        WAITING_FOR_TRAFFIC,
        GATE_FAILED,
        ROLLING_BACK,
        ROLLED_BACK,
        STOPPED,
        DONE
    }
}
