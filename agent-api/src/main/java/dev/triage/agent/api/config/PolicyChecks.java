package dev.triage.agent.api.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a route's retry, hedge, cache and gate policies. */
final class PolicyChecks {

    static final int MAX_ATTEMPTS = 10;
    static final int MAX_HEDGES = 3;

    private PolicyChecks() {}

    static void check(Problems problems, String path, RoutePolicy policy, long cacheMaxBytes) {
        RetryPolicy retry = policy.retry();
        if (retry != null) {
            checkRetry(problems, path + ".retry", retry);
        }
        HedgePolicy hedge = policy.hedge();
        if (hedge != null) {
            checkHedge(problems, path + ".hedge", hedge, retry);
        }
        if (policy.cache() != null) {
            checkCache(problems, path + ".cache", policy.cache(), cacheMaxBytes);
        }
        if (policy.gates() != null) {
            checkGates(problems, path + ".gates", policy.gates());
        }
    }

    private static void checkRetry(Problems problems, String path, RetryPolicy retry) {
        problems.range(path + ".maxAttempts", retry.maxAttempts(), 1, MAX_ATTEMPTS);
        boolean perTryOk = problems.atLeast(path + ".perTryTimeoutMs", retry.perTryTimeoutMs(), 1);
        if (perTryOk && retry.deadlineMs() < retry.perTryTimeoutMs()) {
            problems.add(
                    path + ".deadlineMs", retry.deadlineMs(), ">= perTryTimeoutMs (" + retry.perTryTimeoutMs() + ")");
        } else if (!perTryOk) {
            problems.atLeast(path + ".deadlineMs", retry.deadlineMs(), 1);
        }
        if (problems.atLeast(path + ".backoffBaseMs", retry.backoffBaseMs(), 1)
                && retry.backoffMaxMs() < retry.backoffBaseMs()) {
            problems.add(
                    path + ".backoffMaxMs", retry.backoffMaxMs(), ">= backoffBaseMs (" + retry.backoffBaseMs() + ")");
        }
        List<String> retryOn = retry.retryOn();
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < retryOn.size(); r++) {
            String value = retryOn.get(r);
            if (!RetryPolicy.RETRY_ON_VALUES.contains(value)) {
                problems.add(
                        path + ".retryOn[" + r + "]",
                        value,
                        "one of " + String.join(", ", RetryPolicy.RETRY_ON_VALUES));
            } else if (!seen.add(value)) {
                problems.add(path + ".retryOn[" + r + "]", value, "each condition once");
            }
        }
        List<String> notProcessed = retry.notProcessedStatuses();
        for (int n = 0; n < notProcessed.size(); n++) {
            String value = notProcessed.get(n);
            if (!value.matches("5[0-9][0-9]")) {
                problems.add(path + ".notProcessedStatuses[" + n + "]", value, "a 5XX status code");
            } else if (!retryOn.contains(value)) {
                problems.add(
                        path + ".notProcessedStatuses[" + n + "]",
                        value,
                        "a status also listed in retryOn (otherwise it is never retried)");
            }
        }
        RetryPolicy.Budget budget = retry.budget();
        if (!(budget.ratio() >= 0 && budget.ratio() <= 1)) {
            problems.add(path + ".budget.ratio", budget.ratio(), "0..1 (a share of requests)");
        }
        problems.atLeast(path + ".budget.minPerSecond", budget.minPerSecond(), 0);
        if (!Syntax.isToken(retry.idempotencyKeyHeader())) {
            problems.add(path + ".idempotencyKeyHeader", retry.idempotencyKeyHeader(), "a header name");
        }
        if (retry.holdWritesMs() < 0 || retry.holdWritesMs() > Math.max(retry.deadlineMs(), 0)) {
            problems.add(
                    path + ".holdWritesMs",
                    retry.holdWritesMs(),
                    "0..deadlineMs (0.." + Math.max(retry.deadlineMs(), 0) + ")");
        }
    }

    private static void checkHedge(Problems problems, String path, HedgePolicy hedge, RetryPolicy retry) {
        boolean delayOk = problems.atLeast(path + ".delayMs", hedge.delayMs(), 1);
        problems.range(path + ".maxHedges", hedge.maxHedges(), 1, MAX_HEDGES);
        if (delayOk && retry != null && retry.perTryTimeoutMs() > 0 && hedge.delayMs() >= retry.perTryTimeoutMs()) {
            problems.add(
                    path + ".delayMs",
                    hedge.delayMs(),
                    "less than retry.perTryTimeoutMs (" + retry.perTryTimeoutMs() + ")");
        }
    }

    private static void checkCache(Problems problems, String path, CachePolicy cache, long cacheMaxBytes) {
        problems.atLeast(path + ".ttlMs", cache.ttlMs(), 0);
        problems.atLeast(path + ".staleWhileRevalidateMs", cache.staleWhileRevalidateMs(), 0);
        problems.atLeast(path + ".staleIfErrorMs", cache.staleIfErrorMs(), 0);
        if (problems.atLeast(path + ".maxEntryBytes", cache.maxEntryBytes(), 1)
                && cacheMaxBytes > 0
                && cache.maxEntryBytes() > cacheMaxBytes) {
            problems.add(
                    path + ".maxEntryBytes", cache.maxEntryBytes(), "at most cache.maxBytes (" + cacheMaxBytes + ")");
        }
    }

    private static void checkGates(Problems problems, String path, GatePolicy gates) {
        GatePolicy.RequiredHeader header = gates.requiredHeader();
        if (header != null) {
            if (!Syntax.isToken(header.name())) {
                problems.add(path + ".requiredHeader.name", header.name(), "a header name");
            }
            if (header.values().isEmpty()) {
                problems.add(path + ".requiredHeader.values", "[]", "at least one accepted value");
            }
            for (int v = 0; v < header.values().size(); v++) {
                problems.notBlank(
                        path + ".requiredHeader.values[" + v + "]",
                        header.values().get(v),
                        "a non-blank value");
            }
        }
        problems.atLeast(path + ".maxBodyBytes", gates.maxBodyBytes(), 0);
        List<String> methods = gates.allowedMethods();
        for (int m = 0; m < methods.size(); m++) {
            if (!Syntax.isMethod(methods.get(m))) {
                problems.add(
                        path + ".allowedMethods[" + m + "]", methods.get(m), "a method name in upper case, like GET");
            }
        }
    }
}
