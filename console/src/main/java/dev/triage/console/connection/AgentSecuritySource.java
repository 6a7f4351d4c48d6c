package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.AgentEvent;
import dev.triage.agent.client.Subscription;
import dev.triage.console.security.SecuritySource;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.security.HeaderGates;
import java.util.List;
import java.util.function.Consumer;

/** The security screen's source over agents' admin APIs: their event streams, and the gates the edge holds. */
final class AgentSecuritySource implements SecuritySource {

    private final AgentClient client;
    private final List<FleetAgent> agents;
    private final HeaderGates gates;

    AgentSecuritySource(AgentClient client, List<FleetAgent> agents, HeaderGates gates) {
        this.client = requireNonNull(client, "client");
        this.agents = List.copyOf(agents);
        this.gates = requireNonNull(gates, "gates");
    }

    @Override
    public List<FleetAgent> agents() {
        return agents;
    }

    @Override
    public Subscription subscribe(FleetAgent agent, Consumer<? super AgentEvent> consumer) {
        return client.events(agent.endpoint(), consumer);
    }

    @Override
    public HeaderGates gates() {
        return gates;
    }
}
