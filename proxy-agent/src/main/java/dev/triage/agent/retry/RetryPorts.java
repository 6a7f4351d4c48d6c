package dev.triage.agent.retry;

import dev.triage.agent.upstream.ExchangeListener;
import dev.triage.agent.upstream.TargetGroupHealth;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/** What the retry loop talks to: shared per route, all thread-safe. */
record RetryPorts(
        RetryBudget budget,
        TargetGroupHealth health,
        ExchangeListener listener,
        RandomGenerator random,
        Sleeper sleeper,
        InstantSource wallClock) {}
