package dev.triage.agent.client;

/** The agent could not be reached or stopped answering: no HTTP answer came back. */
public final class AgentUnreachableException extends AgentClientException {

    /** What went wrong on the way to the agent. */
    public enum Reason {
        /** Nothing listens at the address (or a firewall refused). */
        REFUSED,
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Connected, but no answer (or no event, not even a keep-alive) within the timeout. */
        RESPONSE_TIMEOUT,
        /** The connection closed or broke before the answer was complete, or an event stream ended. */
        CONNECTION_LOST,
        /** The call was cancelled, or the client was closed while it was under way. */
        CANCELLED
    }

    private final Reason reason;

    public AgentUnreachableException(AgentEndpoint agent, Reason reason, String detail, Throwable cause) {
        super(agent, detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
