package dev.triage.core.port;

import dev.triage.core.domain.CoreException;
import java.util.List;

/**
 * The agents in front of the services: their health, the config each runs, and pushing a config.
 * {@code C} is the agent config type, {@code dev.triage.agent.api.config.AgentConfig} once core
 * depends on agent-api (core's pom does not yet; the adapter binds it). Errors: see the package
 * documentation; an agent that rejects a config is {@code Invalid} with its problems, one changed
 * by someone else since it was read is {@code Conflict}.
 *
 * @param <C> the agent config type
 */
public interface AgentFleet<C> {

    /** Every known agent and what it last reported; an unreachable agent is listed as such. */
    List<AgentInfo> agents();

    /** The config one agent runs. NotFound if no such agent. */
    C config(String agentName);

    /**
     * Pushes {@code config} to the named agents. Rolling: one after the other, stopping at the
     * first failure (the rest keep their config); otherwise all at once. One outcome per agent, in
     * the order given; per-agent failures are outcomes, not exceptions.
     */
    List<PushResult> push(List<String> agentNames, C config, boolean rolling);

    /** What one agent reported. */
    record AgentInfo(String name, String adminAddress, boolean reachable, String configVersion, String configHash) {}

    /** What a push did on one agent: applied (with the new version), failed (with why), or skipped. */
    record PushResult(String agentName, Status status, String configVersion, CoreException failure) {
        public enum Status {
            APPLIED,
            FAILED,
            SKIPPED
        }
    }
}
