package dev.triage.agent.api.config;

import java.util.List;

/**
 * A set of upstream endpoints that forward actions send to.
 *
 * @param targets host and port of each endpoint
 * @param connectTimeoutMs TCP connect timeout per attempt
 * @param maxConnectionsPerTarget connection pool bound per endpoint
 * @param maxResponseBytes responses larger than this are refused with a 502
 * @param healthCheck active health checks; null for none (passive failure counting still applies)
 */
public record TargetGroup(
        String name,
        List<Target> targets,
        int connectTimeoutMs,
        int maxConnectionsPerTarget,
        long maxResponseBytes,
        HealthCheck healthCheck) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TARGET = 64;
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    public TargetGroup {
        targets = targets == null ? List.of() : List.copyOf(targets);
        connectTimeoutMs = connectTimeoutMs == 0 ? DEFAULT_CONNECT_TIMEOUT_MS : connectTimeoutMs;
        maxConnectionsPerTarget =
                maxConnectionsPerTarget == 0 ? DEFAULT_MAX_CONNECTIONS_PER_TARGET : maxConnectionsPerTarget;
        maxResponseBytes = maxResponseBytes == 0 ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
    }

    public record Target(String host, int port) {}

    public record HealthCheck(
            String path, int intervalMs, int timeoutMs, int healthyThreshold, int unhealthyThreshold) {}
}
