package dev.triage.core.lab;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.client.AgentEndpoint;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.metrics.ScopeIds;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.MetricQuery.Scope.RouteScope;
import dev.triage.core.port.MetricQuery.Scope.TargetGroupScope;
import java.net.URI;
import java.util.List;

/**
 * The lab's agents as a fleet ({@link dev.triage.core.fleet.AdminApiFleet}) and the ids of their metrics.
 *
 * <p>Metric ids are those of {@link LabLoadBalancers} for the edge: {@code lab:loadbalancer/edge}, target
 * groups {@code lab:targetgroup/<name>} under it, rules {@code lab:rule/<listener>/<rule>} ({@code
 * .../default} for the default action). A node agent is a load balancer of its own, {@code
 * lab:loadbalancer/<node>}, with its groups {@code lab:targetgroup/<name>} under it and its rules {@code
 * lab:agent/<node>/rule/<listener>/<rule>} (rule ids carry no load balancer, so the node's name keeps them
 * apart from the edge's and from each other).
 */
public final class LabFleet {

    /** The lab's metric ids, as described above. */
    public static final ScopeIds SCOPE_IDS = new ScopeIds() {
        @Override
        public LoadBalancerScope agent(FleetAgent agent) {
            return new LoadBalancerScope(LabMapping.LOAD_BALANCER + agent.name());
        }

        @Override
        public TargetGroupScope targetGroup(FleetAgent agent, String targetGroup) {
            return new TargetGroupScope(
                    LabMapping.LOAD_BALANCER + agent.name(), LabMapping.targetGroupArn(targetGroup));
        }

        @Override
        public RouteScope route(FleetAgent agent, String listener, String rule) {
            String name = rule == null ? LabMapping.DEFAULT_RULE : rule;
            return LabDescription.EDGE_ROLE.equals(agent.role())
                    ? new RouteScope(LabMapping.ruleArn(listener, name))
                    : new RouteScope("lab:agent/" + agent.name() + "/rule/" + listener + "/" + name);
        }
    };

    private LabFleet() {}

    /** Every agent the description lists, edge and nodes, in its order. */
    public static List<FleetAgent> agents(LabDescription description) {
        requireNonNull(description, "description");
        return description.agents().stream()
                .map(a -> new FleetAgent(a.role(), new AgentEndpoint(a.name(), URI.create(a.admin()), a.token())))
                .toList();
    }
}
