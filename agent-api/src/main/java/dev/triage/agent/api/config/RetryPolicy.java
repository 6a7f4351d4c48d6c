package dev.triage.agent.api.config;

import java.util.List;

/**
 * How a route retries failed upstream attempts.
 *
 * @param maxAttempts total attempts including the first (1 = no retry)
 * @param perTryTimeoutMs bound on one attempt, headers and body
 * @param deadlineMs bound on the whole exchange, backoffs and Retry-After waits included
 * @param backoffBaseMs first backoff; doubles each retry, capped at backoffMaxMs, full jitter
 * @param retryOn conditions among {@link #RETRY_ON_VALUES}
 * @param honourRetryAfter wait what the upstream's Retry-After says (capped by the deadline)
 * @param budget share of requests that may be retries, so retries cannot become a storm
 * @param idempotencyKeyHeader header that makes a write safe to retry when the upstream honours it
 * @param upstreamHonoursIdempotencyKey whether this route's upstream deduplicates by that header
 * @param holdWritesMs how long a write may wait for a failing target group to recover before it is
 *     sent (0: never wait); a write held is provably not sent, so it can fail cleanly at the end
 * @param notProcessedStatuses statuses the upstream documents as answered only for requests it did not
 *     process (HOSP sheds writes it cannot commit with 503); a write answered with one of them is
 *     retried like one never sent, when the status is also in retryOn. Empty by default: without
 *     such a contract, a 5XX to a write may follow a commit.
 */
public record RetryPolicy(
        int maxAttempts,
        int perTryTimeoutMs,
        int deadlineMs,
        int backoffBaseMs,
        int backoffMaxMs,
        List<String> retryOn,
        boolean honourRetryAfter,
        Budget budget,
        String idempotencyKeyHeader,
        boolean upstreamHonoursIdempotencyKey,
        int holdWritesMs,
        List<String> notProcessedStatuses) {

    public static final String CONNECT_FAILURE = "connect-failure";
    public static final String RESET = "reset";
    public static final String TIMEOUT = "timeout";
    public static final List<String> RETRY_ON_VALUES =
            List.of(CONNECT_FAILURE, RESET, TIMEOUT, "500", "502", "503", "504");
    public static final List<String> DEFAULT_RETRY_ON = List.of(CONNECT_FAILURE, RESET, TIMEOUT, "502", "503", "504");
    public static final String DEFAULT_IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    public RetryPolicy {
        retryOn = retryOn == null ? DEFAULT_RETRY_ON : List.copyOf(retryOn);
        budget = budget == null ? Budget.DEFAULT : budget;
        idempotencyKeyHeader = idempotencyKeyHeader == null ? DEFAULT_IDEMPOTENCY_KEY_HEADER : idempotencyKeyHeader;
        notProcessedStatuses = notProcessedStatuses == null ? List.of() : List.copyOf(notProcessedStatuses);
    }

    /** A policy without a not-processed contract. */
    public RetryPolicy(
            int maxAttempts,
            int perTryTimeoutMs,
            int deadlineMs,
            int backoffBaseMs,
            int backoffMaxMs,
            List<String> retryOn,
            boolean honourRetryAfter,
            Budget budget,
            String idempotencyKeyHeader,
            boolean upstreamHonoursIdempotencyKey,
            int holdWritesMs) {
        this(
                maxAttempts,
                perTryTimeoutMs,
                deadlineMs,
                backoffBaseMs,
                backoffMaxMs,
                retryOn,
                honourRetryAfter,
                budget,
                idempotencyKeyHeader,
                upstreamHonoursIdempotencyKey,
                holdWritesMs,
                List.of());
    }

    /**
     * @param ratio retries (and hedges) allowed as a share of requests over the last 10 s
     * @param minPerSecond retries always allowed per second, so low traffic can still retry
     */
    public record Budget(double ratio, int minPerSecond) {
        public static final Budget DEFAULT = new Budget(0.2, 10);
    }
}
