package dev.triage.agent.client;

import dev.triage.agent.client.AgentUnreachableException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/** Turns whatever a call failed with into the {@link AgentClientException} that explains it. */
final class Failures {

    private final Duration connectTimeout;

    Failures(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * @param responseTimeout the timeout that applied to this call (the events idle timeout for a
     *     stream)
     */
    AgentClientException map(AgentEndpoint agent, Throwable failure, Duration responseTimeout) {
        Throwable t = unwrap(failure);
        return switch (t) {
            case AgentClientException known -> known;
            case CancellationException cancelled ->
                new AgentUnreachableException(agent, Reason.CANCELLED, "the call was cancelled", cancelled);
            case ConnectTimeoutException timeout ->
                new AgentUnreachableException(
                        agent, Reason.CONNECT_TIMEOUT, "no connection within " + human(connectTimeout), timeout);
            case ConnectException refused ->
                new AgentUnreachableException(
                        agent,
                        Reason.REFUSED,
                        "connection refused (is the agent running, with its admin listener on this port?)",
                        refused);
            case UnknownHostException unknown ->
                new AgentUnreachableException(agent, Reason.UNKNOWN_HOST, "unknown host", unknown);
            case SocketTimeoutException timeout ->
                new AgentUnreachableException(
                        agent, Reason.RESPONSE_TIMEOUT, "no answer within " + human(responseTimeout), timeout);
            case TimeoutException timeout ->
                new AgentUnreachableException(
                        agent,
                        Reason.RESPONSE_TIMEOUT,
                        "no free connection within " + human(responseTimeout) + " (too many calls under way)",
                        timeout);
            case IOException io ->
                new AgentUnreachableException(agent, Reason.CONNECTION_LOST, "connection lost: " + describe(io), io);
            default -> new AgentProtocolException(agent, 0, "unexpected failure: " + describe(t), t);
        };
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
