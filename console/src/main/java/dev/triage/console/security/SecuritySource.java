package dev.triage.console.security;

import dev.triage.agent.client.AgentEvent;
import dev.triage.agent.client.Subscription;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.security.HeaderGates;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the security screen reads from: the agents whose event streams carry alerts (and whose
 * admin tokens the posture checks look at), and the header gates outside the load balancer's rules.
 */
public interface SecuritySource {

    /** No agents, no gates: a place without agents shows posture only. */
    SecuritySource NONE = new SecuritySource() {
        @Override
        public List<FleetAgent> agents() {
            return List.of();
        }

        @Override
        public Subscription subscribe(FleetAgent agent, Consumer<? super AgentEvent> consumer) {
            throw new IllegalStateException("no agents to subscribe to");
        }

        @Override
        public HeaderGates gates() {
            return HeaderGates.NONE;
        }
    };

    /** The agents, each with an event stream. */
    List<FleetAgent> agents();

    /**
     * Opens {@code agent}'s event stream; events arrive on an I/O thread. The subscription does not
     * reconnect. May block briefly: call it off the UI thread.
     */
    Subscription subscribe(FleetAgent agent, Consumer<? super AgentEvent> consumer);

    /** Header gates outside the load balancer's rules (the lab's edge agent), for the posture checks. */
    HeaderGates gates();
}
