package dev.triage.agent.client;

import java.util.List;

/**
 * What {@code GET /admin/status} reports.
 *
 * @param agentVersion the agent's build version
 * @param uptimeMs time since the agent started
 * @param configVersion the version label of the running config
 * @param configHash the hash of the running config (the ETag of {@code GET /admin/config})
 * @param listeners where the agent accepts traffic
 * @param targetGroups each target group's health
 */
public record AgentStatus(
        String agentVersion,
        long uptimeMs,
        String configVersion,
        String configHash,
        List<ListenerStatus> listeners,
        List<TargetGroupHealth> targetGroups) {

    public AgentStatus {
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
    }

    /** One traffic listener: {@code protocol} is "http" or "https". */
    public record ListenerStatus(String name, String protocol, String address, int port) {}

    /** A target group; {@code failing} when every target is unhealthy (it then fails open). */
    public record TargetGroupHealth(String name, boolean failing, List<TargetHealth> targets) {

        public TargetGroupHealth {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /** One target, as {@code host:port}. */
    public record TargetHealth(String target, boolean healthy) {}
}
