package dev.triage.agent.upstream;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/** What active health checks need from the agent: a shared scheduler and an asynchronous GET. */
interface CheckRunner {

    /** Runs {@code tick} every {@code intervalMs}, starting now, until the returned future is cancelled. */
    ScheduledFuture<?> every(long intervalMs, Runnable tick);

    /**
     * Sends GET {@code path} to the target without blocking; {@code outcome} gets true when it answered
     * 200..399 within {@code timeoutMs} (connecting included), false otherwise. Called exactly once.
     */
    void check(Target target, String path, int timeoutMs, Consumer<Boolean> outcome);

    /** A target's verdict changed. */
    default void changed(String targetGroup, Target target, boolean healthy) {}
}
