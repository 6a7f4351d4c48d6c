package dev.triage.agent.client;

/** A rollback found no previous config to go back to (409); the running config is unchanged. */
public final class NoPreviousConfigException extends AgentClientException {

    public NoPreviousConfigException(AgentEndpoint agent) {
        super(agent, "no previous config to roll back to", null);
    }
}
