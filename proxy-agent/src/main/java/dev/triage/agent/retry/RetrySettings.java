package dev.triage.agent.retry;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** A retry policy read once into what the loop needs: nanoseconds, flags, no strings to compare. */
record RetrySettings(
        int maxAttempts,
        long perTryNanos,
        long deadlineNanos,
        Backoff backoff,
        RetryConditions conditions,
        boolean honourRetryAfter,
        String idempotencyKeyHeader,
        boolean upstreamHonoursIdempotencyKey,
        long holdNanos,
        RetryConditions notProcessed) {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    static RetrySettings of(RetryPolicy policy) {
        validate(policy);
        return new RetrySettings(
                policy.maxAttempts(),
                policy.perTryTimeoutMs() * NANOS_PER_MILLI,
                policy.deadlineMs() * NANOS_PER_MILLI,
                Backoff.ofMillis(policy.backoffBaseMs(), policy.backoffMaxMs()),
                RetryConditions.of(policy.retryOn()),
                policy.honourRetryAfter(),
                policy.idempotencyKeyHeader(),
                policy.upstreamHonoursIdempotencyKey(),
                policy.holdWritesMs() * NANOS_PER_MILLI,
                RetryConditions.of(policy.notProcessedStatuses()));
    }

    /** The upstream's contract says it did not process a request it answered with this status. */
    boolean notProcessed(int status) {
        return notProcessed.retryable(status);
    }

    /** A write carrying the key, to an upstream that deduplicates by it, may be repeated. */
    boolean honouredKey(ProxyRequest request) {
        return upstreamHonoursIdempotencyKey && request.headers().contains(idempotencyKeyHeader);
    }

    long retryAfterNanos(ProxyResponse response, InstantSource wallClock) {
        if (!honourRetryAfter) {
            return RetryAfter.NONE;
        }
        String value = response.headers().first(RetryAfter.FIELD).orElse(null);
        return value == null ? RetryAfter.NONE : RetryAfter.nanos(value, wallClock.millis());
    }

    long holdMillis() {
        return holdNanos / NANOS_PER_MILLI;
    }

    /** Reports every problem at once. 0 means "no bound" for perTryTimeoutMs and deadlineMs. */
    private static void validate(RetryPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (policy.maxAttempts() < 1) {
            problems.add("maxAttempts: " + policy.maxAttempts() + " (expected: >= 1)");
        }
        nonNegative(problems, "perTryTimeoutMs", policy.perTryTimeoutMs());
        nonNegative(problems, "deadlineMs", policy.deadlineMs());
        nonNegative(problems, "backoffBaseMs", policy.backoffBaseMs());
        nonNegative(problems, "backoffMaxMs", policy.backoffMaxMs());
        nonNegative(problems, "holdWritesMs", policy.holdWritesMs());
        for (String condition : policy.retryOn()) {
            if (!RetryPolicy.RETRY_ON_VALUES.contains(condition)) {
                problems.add("retryOn: " + condition + " (expected one of: " + RetryPolicy.RETRY_ON_VALUES + ")");
            }
        }
        for (String status : policy.notProcessedStatuses()) {
            if (!status.matches("5[0-9][0-9]")) {
                problems.add("notProcessedStatuses: " + status + " (expected: a 5XX status code)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("retry policy: " + String.join("; ", problems));
        }
    }

    private static void nonNegative(List<String> problems, String name, int value) {
        if (value < 0) {
            problems.add(name + ": " + value + " (expected: >= 0)");
        }
    }
}
