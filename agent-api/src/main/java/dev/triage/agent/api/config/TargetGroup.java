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

    /**
     * Active health check: GET {@code path} every {@code intervalMs}; a target turns healthy after
     * {@code healthyThreshold} passes in a row and unhealthy after {@code unhealthyThreshold}
     * failures. Unset (zero or null) parts take the ALB defaults: /, 30 s, 5 s (at most half the
     * interval), 5 and 2.
     */
    public record HealthCheck(
            String path, int intervalMs, int timeoutMs, int healthyThreshold, int unhealthyThreshold) {
        public static final String DEFAULT_PATH = "/";
        public static final int DEFAULT_INTERVAL_MS = 30_000;
        public static final int DEFAULT_TIMEOUT_MS = 5_000;
        public static final int DEFAULT_HEALTHY_THRESHOLD = 5;
        public static final int DEFAULT_UNHEALTHY_THRESHOLD = 2;

        public HealthCheck {
            path = path == null ? DEFAULT_PATH : path;
            intervalMs = intervalMs == 0 ? DEFAULT_INTERVAL_MS : intervalMs;
            timeoutMs = timeoutMs == 0 ? Math.max(1, Math.min(DEFAULT_TIMEOUT_MS, intervalMs / 2)) : timeoutMs;
            healthyThreshold = healthyThreshold == 0 ? DEFAULT_HEALTHY_THRESHOLD : healthyThreshold;
            unhealthyThreshold = unhealthyThreshold == 0 ? DEFAULT_UNHEALTHY_THRESHOLD : unhealthyThreshold;
        }
    }
}
