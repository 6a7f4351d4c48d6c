package dev.triage.agent.client;

/** The agent answered 401: the token is missing, wrong, or not the one this agent was started with. */
public final class AgentUnauthorizedException extends AgentClientException {

    public AgentUnauthorizedException(AgentEndpoint agent) {
        super(agent, "the agent refused the token (401 Unauthorized); check the token configured for it", null);
    }
}
