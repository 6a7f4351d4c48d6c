package dev.triage.core.fleet;

import dev.triage.core.port.AgentFleet.Traffic;
import java.util.Optional;

/** Where a fleet finds each agent's recent traffic, such as a metrics sampler that polls every agent. */
@FunctionalInterface
public interface FleetTraffic {

    /** The agent's recent traffic, or empty when this source does not know it (yet). */
    Optional<Traffic> traffic(String agentName);
}
