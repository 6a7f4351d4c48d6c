package dev.triage.agent.admin;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.api.stats.AgentStats;
import dev.triage.agent.api.stats.TargetGroupStats;
import dev.triage.agent.api.stats.TargetStats;
import dev.triage.agent.server.AgentServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of GET /admin/status, in the contract's field order. */
final class StatusView {

    private StatusView() {}

    static Map<String, Object> of(AgentServer agent, ConfigControl.Versioned running) {
        AgentConfig config = running.config();
        AgentStats stats = agent.stats();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("agentVersion", agentVersion());
        status.put("uptimeMs", stats.uptimeMs());
        status.put("configVersion", config.version());
        status.put("configHash", running.hash());
        List<Map<String, Object>> listeners = new ArrayList<>();
        for (Listener listener : config.listeners()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", listener.name());
            entry.put("protocol", listener.protocol());
            entry.put("address", listener.bindAddress());
            entry.put("port", port(agent, listener));
            listeners.add(entry);
        }
        status.put("listeners", listeners);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (TargetGroup group : config.targetGroups()) {
            TargetGroupStats groupStats = stats.targetGroups().get(group.name());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", group.name());
            entry.put("failing", groupStats != null && groupStats.failing());
            List<Map<String, Object>> targets = new ArrayList<>();
            if (groupStats != null) {
                for (TargetStats target : groupStats.targets()) {
                    targets.add(target(target.target(), target.healthy()));
                }
            } else {
                for (TargetGroup.Target target : group.targets()) {
                    targets.add(target(target.host() + ":" + target.port(), true));
                }
            }
            entry.put("targets", targets);
            groups.add(entry);
        }
        status.put("targetGroups", groups);
        return status;
    }

    private static Map<String, Object> target(String target, boolean healthy) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("target", target);
        entry.put("healthy", healthy);
        return entry;
    }

    static String agentVersion() {
        String version = AdminServer.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static int port(AgentServer agent, Listener listener) {
        try {
            return agent.port(listener.name());
        } catch (RuntimeException e) {
            // A push replaced the listeners between reading the config and asking for the port.
            return listener.port();
        }
    }
}
