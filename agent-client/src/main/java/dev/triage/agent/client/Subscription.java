package dev.triage.agent.client;

import java.util.concurrent.CompletableFuture;

/**
 * An open event stream from one agent. It does not reconnect: when {@link #done()} fails, subscribe
 * again (after a pause of your choosing).
 */
public interface Subscription extends AutoCloseable {

    /**
     * Completes when the agent accepted the stream (200 text/event-stream); fails with an {@link
     * AgentClientException} (unauthorised, unreachable, ...) when it did not.
     */
    CompletableFuture<Void> opened();

    /**
     * Completes normally after {@link #close()}; fails when the stream ends any other way: with an
     * {@link AgentUnreachableException} when the connection broke, the agent ended the stream or sent
     * nothing for the idle timeout, with another {@link AgentClientException} when it was refused,
     * or with the exception the event consumer threw.
     */
    CompletableFuture<Void> done();

    /** Stops the stream; idempotent. */
    @Override
    void close();
}
