package dev.triage.agent.server;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.api.config.RoutePolicy;
import dev.triage.agent.cache.ResponseCache;
import dev.triage.agent.retry.Hedging;
import dev.triage.agent.retry.Retry;
import dev.triage.agent.retry.RetryBudget;
import dev.triage.agent.retry.Sleeper;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.ExchangeListener;
import dev.triage.agent.upstream.TargetGroupRuntime;
import dev.triage.agent.upstream.UpstreamClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Assembles a route's upstream path for one target group, in the fixed order of
 * docs/architecture.md: invalidate -> cache -> retry -> hedge -> attempt, each part only when the
 * route's policy has it. Built when a config snapshot is applied, never per request.
 */
final class Pipeline {

    /** Bound on a forwarded request when the route has no retry policy (or its deadline is unset). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final UpstreamClient client;
    private final ExecutorService executor;

    Pipeline(UpstreamClient client, ExecutorService executor) {
        this.client = client;
        this.executor = executor;
    }

    /** One budget per rule, shared by its target groups' chains. */
    static RetryBudget budget(RoutePolicy policy) {
        RetryPolicy.Budget budget = policy.retry() != null ? policy.retry().budget() : RetryPolicy.Budget.DEFAULT;
        return RetryBudget.of(budget);
    }

    /** The whole exchange's bound: the retry deadline when the route has one. */
    static Duration timeout(RoutePolicy policy) {
        RetryPolicy retry = policy.retry();
        return retry != null && retry.deadlineMs() > 0 ? Duration.ofMillis(retry.deadlineMs()) : DEFAULT_TIMEOUT;
    }

    Exchange build(
            RoutePolicy policy,
            TargetGroupRuntime group,
            ExchangeListener listener,
            RetryBudget budget,
            ResponseCache cache) {
        Exchange chain = client.attempt(group, listener);
        if (policy.hedge() != null) {
            chain = Hedging.decorate(policy.hedge(), chain, budget, listener, executor);
        }
        RetryPolicy retry = policy.retry() != null ? policy.retry() : policy.hedge() != null ? singleAttempt() : null;
        if (retry != null) {
            chain = Retry.decorate(retry, chain, budget, group, listener, ThreadLocalRandom.current(), Sleeper.THREAD);
        }
        if (policy.cache() != null) {
            chain = cache.decorate(policy.cache(), chain, listener, group::failing);
        }
        return cache.invalidating(chain);
    }

    /** Hedging counts requests in the budget through a retry decorator that never retries. */
    private static RetryPolicy singleAttempt() {
        int timeoutMs = (int) DEFAULT_TIMEOUT.toMillis();
        return new RetryPolicy(1, timeoutMs, timeoutMs, 1, 1, List.of(), false, null, null, false, 0);
    }
}
