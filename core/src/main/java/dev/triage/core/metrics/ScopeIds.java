package dev.triage.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.MetricQuery.Scope.RouteScope;
import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;

/**
 * How an agent's measurements are named as {@link dev.triage.core.port.MetricQuery.Scope}s: the ids
 * the {@link dev.triage.core.port.LoadBalancers} adapter over the same agents uses, so that a rule or
 * target group the console shows finds its metrics. The lab's ids: {@code
 * dev.triage.core.lab.LabFleet#SCOPE_IDS}.
 */
public interface ScopeIds {

    /** The whole agent, as a load balancer. */
    LoadBalancerScope agent(FleetAgent agent);

    /** One target group of the agent. */
    TargetGroupScope targetGroup(FleetAgent agent, String targetGroup);

    /**
     * One route of the agent.
     *
     * @param rule the rule's name, or null for the listener's default action
     */
    RouteScope route(FleetAgent agent, String listener, String rule);

    /**
     * Ids that name the agent: {@code agent:<name>}, {@code agent:<name>/targetgroup/<group>}, {@code
     * agent:<name>/rule/<listener>/<rule>} ({@code .../default} for a listener's default action).
     */
    ScopeIds AGENTS = new ScopeIds() {
        @Override
        public LoadBalancerScope agent(FleetAgent agent) {
            return new LoadBalancerScope("agent:" + agent.name());
        }

        @Override
        public TargetGroupScope targetGroup(FleetAgent agent, String targetGroup) {
            requireNonNull(targetGroup, "targetGroup");
            return new TargetGroupScope(
                    "agent:" + agent.name(), "agent:" + agent.name() + "/targetgroup/" + targetGroup);
        }

        @Override
        public RouteScope route(FleetAgent agent, String listener, String rule) {
            requireNonNull(listener, "listener");
            return new RouteScope(
                    "agent:" + agent.name() + "/rule/" + listener + "/" + (rule == null ? "default" : rule));
        }
    };
}
