package dev.triage.core.fleet;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.client.AgentEndpoint;

/**
 * One agent reachable over its admin API.
 *
 * @param role what it does ({@code edge}: in front as the load balancer, {@code node}: in front of one
 *     service); free text for people, except that the lab's load balancer is the {@code edge}
 * @param endpoint its admin listener and token; its name is the agent's name
 */
public record FleetAgent(String role, AgentEndpoint endpoint) {

    public FleetAgent {
        requireNonNull(role, "role");
        requireNonNull(endpoint, "endpoint");
        if (role.isBlank()) {
            throw new IllegalArgumentException("role: '" + role + "' (expected: not blank, such as edge or node)");
        }
    }

    public String name() {
        return endpoint.name();
    }

    /** {@code host:port} of its admin listener. */
    public String adminAddress() {
        return endpoint.address();
    }
}
