package dev.triage.agent.api.stats;

import java.util.Map;

/**
 * A live snapshot of one agent: totals over every route, then per route and per target group.
 *
 * @param configVersion the version of the config snapshot serving traffic
 * @param uptimeMs time since the agent started
 * @param totals client-visible outcomes, upstream attempts and policy counts over all routes
 * @param routes per rule name (a listener's default action is named {@code default:<listener>})
 * @param targetGroups per target group name
 * @param accessLogDropped access-log lines dropped because the writer fell behind
 * @param security what the security detectors found and published
 */
public record AgentStats(
        String configVersion,
        long uptimeMs,
        RouteStats totals,
        Map<String, RouteStats> routes,
        Map<String, TargetGroupStats> targetGroups,
        long accessLogDropped,
        SecurityStats security) {

    public AgentStats {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        targetGroups = targetGroups == null ? Map.of() : Map.copyOf(targetGroups);
        security = security == null ? SecurityStats.ZERO : security;
    }

    /** A snapshot without security counts. */
    public AgentStats(
            String configVersion,
            long uptimeMs,
            RouteStats totals,
            Map<String, RouteStats> routes,
            Map<String, TargetGroupStats> targetGroups,
            long accessLogDropped) {
        this(configVersion, uptimeMs, totals, routes, targetGroups, accessLogDropped, null);
    }
}
