package dev.triage.core.metrics;

import dev.triage.agent.api.config.Action;
import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.api.config.Listener;
import dev.triage.agent.api.config.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each route of an agent's stats lives and where it forwards, from the agent's config: stats name
 * routes by rule name, and a listener's default action {@code default:<listener>}.
 */
final class Routing {

    static final String DEFAULT_PREFIX = "default:";
    static final Routing NONE = new Routing(Map.of());

    /** One route: its listener, its rule (null for the default action), the groups it forwards to. */
    record Route(String listener, String rule, List<Action.WeightedTargetGroup> groups) {}

    private final Map<String, Route> routes;

    private Routing(Map<String, Route> routes) {
        this.routes = routes;
    }

    static Routing of(AgentConfig config) {
        Map<String, Route> routes = new HashMap<>();
        for (Listener listener : config.listeners()) {
            for (Rule rule : listener.rules()) {
                routes.put(rule.name(), new Route(listener.name(), rule.name(), groups(rule.action())));
            }
            routes.put(
                    DEFAULT_PREFIX + listener.name(),
                    new Route(listener.name(), null, groups(listener.defaultAction())));
        }
        return new Routing(Map.copyOf(routes));
    }

    /** The route the stats call {@code name}; null when the config does not hold it. */
    Route route(String name) {
        Route route = routes.get(name);
        if (route == null && name.startsWith(DEFAULT_PREFIX)) {
            return new Route(name.substring(DEFAULT_PREFIX.length()), null, List.of());
        }
        return route;
    }

    private static List<Action.WeightedTargetGroup> groups(Action action) {
        return action != null && Action.FORWARD.equals(action.type()) && action.forward() != null
                ? List.copyOf(action.forward().targetGroups())
                : List.of();
    }
}
