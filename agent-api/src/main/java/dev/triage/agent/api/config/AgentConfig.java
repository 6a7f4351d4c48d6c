package dev.triage.agent.api.config;

import java.util.List;

/**
 * One immutable, versioned snapshot of an agent's whole configuration. Structural checks only here;
 * {@link ConfigValidator} reports every semantic problem at once.
 *
 * @param version a label chosen by whoever wrote the config (for example "hosp-default-3")
 * @param listeners where the agent accepts traffic, each with its ordered rules
 * @param targetGroups the upstreams that forward actions name
 * @param cache the agent-wide cache store (routes opt in with their own cache policy)
 * @param accessLog where the JSON-lines access log goes
 * @param detection the security detectors (on by default)
 */
public record AgentConfig(
        String version,
        List<Listener> listeners,
        List<TargetGroup> targetGroups,
        CacheStore cache,
        AccessLog accessLog,
        Detection detection) {

    public AgentConfig {
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        cache = cache == null ? CacheStore.DEFAULT : cache;
        accessLog = accessLog == null ? AccessLog.OFF : accessLog;
        detection = detection == null ? Detection.DEFAULT : detection;
    }

    /** A config with the default detection. */
    public AgentConfig(
            String version,
            List<Listener> listeners,
            List<TargetGroup> targetGroups,
            CacheStore cache,
            AccessLog accessLog) {
        this(version, listeners, targetGroups, cache, accessLog, null);
    }

    /** This config with another version label; everything else kept. */
    public AgentConfig withVersion(String newVersion) {
        return new AgentConfig(newVersion, listeners, targetGroups, cache, accessLog, detection);
    }

    /** This config with other detection settings; everything else kept. */
    public AgentConfig withDetection(Detection newDetection) {
        return new AgentConfig(version, listeners, targetGroups, cache, accessLog, newDetection);
    }

    /** This config with another access log; everything else kept. */
    public AgentConfig withAccessLog(AccessLog newAccessLog) {
        return new AgentConfig(version, listeners, targetGroups, cache, newAccessLog, detection);
    }

    /** This config with other listeners; everything else kept. */
    public AgentConfig withListeners(List<Listener> newListeners) {
        return new AgentConfig(version, newListeners, targetGroups, cache, accessLog, detection);
    }

    /** This config with other listeners and target groups; everything else kept. */
    public AgentConfig withListeners(List<Listener> newListeners, List<TargetGroup> newTargetGroups) {
        return new AgentConfig(version, newListeners, newTargetGroups, cache, accessLog, detection);
    }
}
