package dev.triage.console.security;

import dev.triage.agent.client.AgentEndpoint;
import dev.triage.agent.client.AgentEvent;
import dev.triage.agent.client.Subscription;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.security.HeaderGates;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Agents whose event streams the test drives: opens, events and drops, in the test's thread. */
final class FakeSecuritySource implements SecuritySource {

    /** One opened stream. */
    static final class Stream implements Subscription {
        final String agent;
        final Consumer<? super AgentEvent> consumer;
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        boolean closed;

        Stream(String agent, Consumer<? super AgentEvent> consumer) {
            this.agent = agent;
            this.consumer = consumer;
        }

        void send(AgentEvent event) {
            consumer.accept(event);
        }

        void drop(String why) {
            done.completeExceptionally(new IllegalStateException(why));
        }

        @Override
        public CompletableFuture<Void> opened() {
            return opened;
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void close() {
            closed = true;
            done.complete(null);
        }
    }

    private final List<FleetAgent> agents = new ArrayList<>();
    final List<Stream> streams = new ArrayList<>();
    /** Whether the next subscriptions open (else they fail as refused). */
    boolean opens = true;

    FakeSecuritySource(String... names) {
        for (String name : names) {
            agents.add(new FleetAgent(
                    "node",
                    new AgentEndpoint(name, URI.create("http://127.0.0.1:9"), "a-token-of-some-length-0123456789")));
        }
    }

    @Override
    public List<FleetAgent> agents() {
        return agents;
    }

    @Override
    public Subscription subscribe(FleetAgent agent, Consumer<? super AgentEvent> consumer) {
        Stream stream = new Stream(agent.name(), consumer);
        streams.add(stream);
        if (opens) {
            stream.opened.complete(null);
        } else {
            stream.opened.completeExceptionally(new IllegalStateException("connection refused"));
        }
        return stream;
    }

    /** The newest stream of {@code agent}. */
    Stream stream(String agent) {
        return streams.reversed().stream()
                .filter(s -> s.agent.equals(agent))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public HeaderGates gates() {
        return HeaderGates.NONE;
    }
}
