package dev.triage.agent.log;

import java.time.Instant;

/**
 * One client request as the access log records it. It holds no header values at all, so neither
 * Authorization nor any gate secret can reach the log.
 *
 * @param query the raw query, or null (kept: operators need it; it may hold what the client put there)
 * @param bytes response body bytes sent
 * @param route rule name, {@code default:<listener>}, or {@code -} for built-ins and malformed requests
 * @param targetGroup the group the request was forwarded to, or {@code -}
 * @param attempts upstream attempts made for it (retries and hedges included)
 * @param cache HIT, MISS, STALE, or {@code -}
 * @param outcome {@code ok} for an upstream or agent answer, else why the agent answered itself
 *     (an upstream failure kind such as {@code TIMEOUT}, {@code rejected} by a gate, ...)
 */
public record AccessLogEntry(
        Instant time,
        String requestId,
        String clientAddress,
        String method,
        String path,
        String query,
        int status,
        long bytes,
        long durationNanos,
        String route,
        String targetGroup,
        int attempts,
        String cache,
        String outcome) {}
