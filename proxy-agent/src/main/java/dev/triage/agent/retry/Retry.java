package dev.triage.agent.retry;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.ExchangeListener;
import dev.triage.agent.upstream.TargetGroupHealth;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * The retry decorator of a route's upstream path (cache -> retry -> hedge -> attempt).
 *
 * <ul>
 *   <li>Up to {@code maxAttempts} attempts, each bounded by {@code perTryTimeoutMs} and all by the
 *       earlier of the caller's deadline and {@code deadlineMs}; no wait ever runs past that deadline.
 *   <li>Retries the statuses and failures {@code retryOn} names (reset covers protocol errors too);
 *       a {@code NOT_SENT} failure is always retryable.
 *   <li>Waits with exponential backoff and full jitter, or longer when the upstream's Retry-After asks
 *       (seconds or HTTP-date); when that wait does not fit before the deadline it stops.
 *   <li>Every retry takes from the route's {@link RetryBudget}; a refusal ends the exchange.
 *   <li>POST and PATCH are repeated only after a failure that proves the request was not sent, or when
 *       they carry the idempotency key and the policy says the upstream honours it (ADR 0003). With
 *       {@code holdWritesMs}, a write waits for a failing target group to recover before each send, and
 *       fails {@code NOT_SENT} when it does not.
 * </ul>
 *
 * <p>The outcome is the last response when any attempt got one; otherwise the last failure (marked
 * as sent if any attempt was sent), or {@code TIMEOUT} when the deadline passed first. Every request
 * is counted once in the budget, here.
 *
 * <p>{@code random} is shared by the route's threads, so it must be thread-safe: pass
 * {@code ThreadLocalRandom.current()} (its methods use the calling thread's seed).
 */
public final class Retry {

    private Retry() {}

    public static Exchange decorate(
            RetryPolicy policy,
            Exchange next,
            RetryBudget budget,
            TargetGroupHealth health,
            ExchangeListener listener,
            RandomGenerator random,
            Sleeper sleeper) {
        return decorate(policy, next, budget, health, listener, random, sleeper, InstantSource.system());
    }

    /** As above, with the wall clock that HTTP-date Retry-After values are read against. */
    static Exchange decorate(
            RetryPolicy policy,
            Exchange next,
            RetryBudget budget,
            TargetGroupHealth health,
            ExchangeListener listener,
            RandomGenerator random,
            Sleeper sleeper,
            InstantSource wallClock) {
        requireNonNull(policy, "policy");
        requireNonNull(next, "next");
        RetryPorts ports = new RetryPorts(
                requireNonNull(budget, "budget"),
                requireNonNull(health, "health"),
                requireNonNull(listener, "listener"),
                requireNonNull(random, "random"),
                requireNonNull(sleeper, "sleeper"),
                requireNonNull(wallClock, "wallClock"));
        return new RetryingExchange(next, RetrySettings.of(policy), ports);
    }
}
