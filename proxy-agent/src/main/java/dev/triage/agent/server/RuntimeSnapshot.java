package dev.triage.agent.server;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.cache.ResponseCache;
import dev.triage.agent.detect.SecurityMonitor;
import dev.triage.agent.metrics.AgentMetrics;
import dev.triage.agent.upstream.TargetGroupRuntime;
import dev.triage.agent.upstream.UpstreamClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One applied config: every listener's routes with their upstream chains, and the target groups.
 * Immutable once built; the agent swaps it whole, and a request keeps the snapshot it started on.
 */
final class RuntimeSnapshot {

    private final AgentConfig config;
    private final Map<String, RouteTable> listeners;
    private final Map<String, TargetGroupRuntime> groups;
    private final ResponseCache cache;

    private RuntimeSnapshot(
            AgentConfig config,
            Map<String, RouteTable> listeners,
            Map<String, TargetGroupRuntime> groups,
            ResponseCache cache) {
        this.config = config;
        this.cache = cache;
        this.listeners = listeners;
        this.groups = groups;
    }

    /**
     * Compiles a config. Target groups whose config did not change keep their runtime (and so their
     * passive health) from {@code previous}.
     *
     * @throws IllegalArgumentException naming the field when the config cannot be compiled
     */
    static RuntimeSnapshot build(
            AgentConfig config,
            RuntimeSnapshot previous,
            UpstreamClient client,
            Pipeline pipeline,
            ResponseCache cache,
            AgentMetrics metrics,
            SecurityMonitor.Compiled detection) {
        Map<String, TargetGroupRuntime> groups = new LinkedHashMap<>();
        for (TargetGroup group : config.targetGroups()) {
            if (group.name() == null || groups.containsKey(group.name())) {
                throw new IllegalArgumentException(
                        "targetGroups.name: " + group.name() + " (expected: a unique target group name)");
            }
            TargetGroupRuntime kept = previous == null ? null : previous.groups.get(group.name());
            groups.put(group.name(), kept != null && kept.config().equals(group) ? kept : client.targetGroup(group));
            metrics.targetGroup(group.name());
        }
        Map<String, RouteTable> listeners = new LinkedHashMap<>();
        for (Listener listener : config.listeners()) {
            if (listener.name() == null || listeners.containsKey(listener.name())) {
                throw new IllegalArgumentException(
                        "listeners.name: " + listener.name() + " (expected: a unique listener name)");
            }
            listeners.put(listener.name(), RouteTable.compile(listener, groups, pipeline, cache, metrics, detection));
        }
        return new RuntimeSnapshot(config, Map.copyOf(listeners), Map.copyOf(groups), cache);
    }

    /**
     * Starts the active health checks of this snapshot's target groups (those kept from {@code
     * previous} keep running) and stops those of the previous snapshot's groups this one dropped.
     */
    void startHealthChecks(RuntimeSnapshot previous) {
        groups.values().forEach(TargetGroupRuntime::startHealthChecks);
        if (previous != null) {
            for (TargetGroupRuntime old : previous.groups.values()) {
                if (groups.get(old.name()) != old) {
                    old.stopHealthChecks();
                }
            }
        }
    }

    /** Stops every target group's active health checks (the agent closes). */
    void stopHealthChecks() {
        groups.values().forEach(TargetGroupRuntime::stopHealthChecks);
    }

    AgentConfig config() {
        return config;
    }

    String version() {
        return config.version();
    }

    RouteTable listener(String name) {
        return listeners.get(name);
    }

    ResponseCache cache() {
        return cache;
    }

    Map<String, TargetGroupRuntime> groups() {
        return groups;
    }
}
