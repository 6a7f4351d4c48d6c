package dev.triage.agent.retry;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.HedgePolicy;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.ExchangeListener;
import java.util.concurrent.ExecutorService;

/**
 * The hedging decorator of a route's upstream path (cache -> retry -> hedge -> attempt), for safe
 * requests only (GET, HEAD, OPTIONS, TRACE); others pass straight through.
 *
 * <p>The first attempt runs on the executor. When no attempt has answered after {@code delayMs}, and
 * the route's {@link RetryBudget} allows it, another starts, up to {@code maxHedges}. The first good
 * answer (a response below 500) wins and the others are cancelled with interruption. When every
 * attempt fails, the outcome is the last 5XX response if there was one, else the last failure. The
 * caller's deadline bounds the wait: when it passes, all attempts are cancelled and the exchange
 * fails {@code TIMEOUT}. A refused hedge ends hedging for that request.
 *
 * <p>Hedging does not count requests in the budget: the retry decorator in front of it does (a route
 * with hedging but no retry policy should still have a retry decorator with {@code maxAttempts} 1).
 */
public final class Hedging {

    private Hedging() {}

    /**
     * @param executor runs the attempts; a virtual-thread-per-task executor, shared by the agent
     */
    public static Exchange decorate(
            HedgePolicy policy,
            Exchange next,
            RetryBudget budget,
            ExchangeListener listener,
            ExecutorService executor) {
        requireNonNull(policy, "policy");
        requireNonNull(next, "next");
        requireNonNull(budget, "budget");
        requireNonNull(listener, "listener");
        requireNonNull(executor, "executor");
        if (policy.delayMs() < 0) {
            throw new IllegalArgumentException("hedge.delayMs: " + policy.delayMs() + " (expected: >= 0)");
        }
        if (policy.maxHedges() < 1) {
            throw new IllegalArgumentException("hedge.maxHedges: " + policy.maxHedges() + " (expected: >= 1)");
        }
        Exchange hedged = new HedgingExchange(
                next, policy.delayMs() * 1_000_000L, policy.maxHedges(), budget, listener, executor);
        return (request, deadline) ->
                request.isSafe() ? hedged.exchange(request, deadline) : next.exchange(request, deadline);
    }
}
