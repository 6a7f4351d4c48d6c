package dev.triage.console.overview;

/**
 * Where the overview's numbers come from: one reading of cumulative counters per call, blocking.
 * Today the lab's agents (read through their admin API); later core's Metrics port (CloudWatch
 * per minute, agents per second) plugs in behind the same interface.
 */
@FunctionalInterface
public interface LiveSource {

    /** Reads every counter now; throws when the source cannot be reached (the view marks data stale). */
    Reading read() throws Exception;
}
