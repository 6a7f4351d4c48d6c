package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

/**
 * Why a call to an agent's admin API failed, with a message that names the agent and its address:
 * {@code agent node-1 at 127.0.0.1:9901: connection refused}. Futures of {@link AgentClient} fail
 * with one of these as the cause (of the {@code ExecutionException} or {@code CompletionException}).
 */
public abstract sealed class AgentClientException extends RuntimeException
        permits AgentUnreachableException,
                AgentUnauthorizedException,
                ConfigRejectedException,
                ConfigConflictException,
                NoPreviousConfigException,
                AgentProtocolException {

    private final String agentName;
    private final String address;

    AgentClientException(AgentEndpoint agent, String detail, Throwable cause) {
        super("agent " + agent.name() + " at " + agent.address() + ": " + requireNonNull(detail, "detail"), cause);
        this.agentName = agent.name();
        this.address = agent.address();
    }

    /** The name of the agent the call went to. */
    public String agentName() {
        return agentName;
    }

    /** {@code host:port} of its admin listener. */
    public String address() {
        return address;
    }
}
