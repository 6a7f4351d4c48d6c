package dev.triage.agent.retry;

import java.util.concurrent.TimeUnit;

/** Waits between retries. Injectable so tests record the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the current (virtual) thread. */
    Sleeper THREAD = TimeUnit.NANOSECONDS::sleep;

    void sleep(long nanos) throws InterruptedException;
}
