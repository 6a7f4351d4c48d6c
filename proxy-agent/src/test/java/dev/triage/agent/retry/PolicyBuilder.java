package dev.triage.agent.retry;

import dev.triage.agent.api.config.RetryPolicy;
import java.util.List;

/** Retry policies for tests: sensible defaults, one wither per field a test varies. */
final class PolicyBuilder {

    private int maxAttempts = 3;
    private int perTryTimeoutMs = 0;
    private int deadlineMs = 60_000;
    private int backoffBaseMs = 10;
    private int backoffMaxMs = 1_000;
    private List<String> retryOn = RetryPolicy.DEFAULT_RETRY_ON;
    private boolean honourRetryAfter = true;
    private boolean upstreamHonoursIdempotencyKey = false;
    private int holdWritesMs = 0;
    private List<String> notProcessedStatuses = List.of();

    static PolicyBuilder retry() {
        return new PolicyBuilder();
    }

    PolicyBuilder maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    PolicyBuilder perTryTimeoutMs(int value) {
        perTryTimeoutMs = value;
        return this;
    }

    PolicyBuilder deadlineMs(int value) {
        deadlineMs = value;
        return this;
    }

    PolicyBuilder backoff(int baseMs, int maxMs) {
        backoffBaseMs = baseMs;
        backoffMaxMs = maxMs;
        return this;
    }

    PolicyBuilder retryOn(String... conditions) {
        retryOn = List.of(conditions);
        return this;
    }

    PolicyBuilder honourRetryAfter(boolean value) {
        honourRetryAfter = value;
        return this;
    }

    PolicyBuilder upstreamHonoursIdempotencyKey(boolean value) {
        upstreamHonoursIdempotencyKey = value;
        return this;
    }

    PolicyBuilder holdWritesMs(int value) {
        holdWritesMs = value;
        return this;
    }

    PolicyBuilder notProcessedStatuses(String... statuses) {
        notProcessedStatuses = List.of(statuses);
        return this;
    }

    RetryPolicy build() {
        return new RetryPolicy(
                maxAttempts,
                perTryTimeoutMs,
                deadlineMs,
                backoffBaseMs,
                backoffMaxMs,
                retryOn,
                honourRetryAfter,
                null,
                null,
                upstreamHonoursIdempotencyKey,
                holdWritesMs,
                notProcessedStatuses);
    }
}
