package dev.triage.agent.client;

/**
 * The agent answered, but not as the admin API says it would: an unexpected status, a body that
 * does not parse, a missing header. Usually a wrong address (not an agent) or a version mismatch.
 */
public final class AgentProtocolException extends AgentClientException {

    private final int status;

    public AgentProtocolException(AgentEndpoint agent, int status, String detail, Throwable cause) {
        super(agent, detail, cause);
        this.status = status;
    }

    /** The HTTP status of the answer, or 0 when the failure was not about an answer. */
    public int status() {
        return status;
    }
}
