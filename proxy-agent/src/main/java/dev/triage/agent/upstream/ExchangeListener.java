package dev.triage.agent.upstream;

/**
 * What the policies tell the metrics about one route's exchanges. Implementations are thread-safe
 * and cheap (counters only): they run on the hot path.
 */
public interface ExchangeListener {

    ExchangeListener NONE = new ExchangeListener() {};

    /** One attempt sent (or tried) to a target; status 0 when it failed without a response. */
    default void attempt(String targetGroup, String target, int status, UpstreamException.Kind failure, long nanos) {}

    default void retry() {}

    default void hedge() {}

    /** A retry or hedge the budget refused. */
    default void budgetRefused() {}

    /** A write that waited for its target group to recover before it was sent. */
    default void writeHeld() {}

    default void cacheHit() {}

    default void cacheMiss() {}

    default void cacheStale() {}
}
