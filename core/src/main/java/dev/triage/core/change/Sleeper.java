package dev.triage.core.change;

import java.time.Duration;

/** Waits between read-backs while a load balancer converges; tests inject one that records. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = duration -> Thread.sleep(duration);
}
