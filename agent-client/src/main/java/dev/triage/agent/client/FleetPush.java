package dev.triage.agent.client;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.AgentConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One config pushed to many agents: each agent's ETag is fetched and the config pushed with it as
 * If-Match, so an agent someone else changed in between reports a conflict rather than being
 * overwritten. Outcomes come back in the order of the endpoints; the returned future never fails.
 */
public final class FleetPush {

    private FleetPush() {}

    /** Every agent at once; one agent's failure does not stop the others. */
    public static CompletableFuture<List<PushOutcome>> pushToAll(
            AgentClient client, List<AgentEndpoint> agents, AgentConfig config) {
        List<AgentEndpoint> targets = checked(client, agents, config);
        List<CompletableFuture<PushOutcome>> pushes = new ArrayList<>(targets.size());
        for (AgentEndpoint agent : targets) {
            pushes.add(pushOne(client, agent, config));
        }
        return CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new))
                .thenApply(
                        ignored -> pushes.stream().map(CompletableFuture::join).toList());
    }

    /**
     * One agent after the other, in list order; at the first failure the rest are {@link
     * PushOutcome.Skipped} and keep their config.
     */
    public static CompletableFuture<List<PushOutcome>> pushRolling(
            AgentClient client, List<AgentEndpoint> agents, AgentConfig config) {
        List<AgentEndpoint> targets = checked(client, agents, config);
        CompletableFuture<List<PushOutcome>> chain = CompletableFuture.completedFuture(List.of());
        for (AgentEndpoint agent : targets) {
            chain = chain.thenCompose(done -> {
                boolean stopped = !done.isEmpty() && !(done.getLast() instanceof PushOutcome.Applied);
                CompletableFuture<PushOutcome> next = stopped
                        ? CompletableFuture.completedFuture(new PushOutcome.Skipped(agent.name()))
                        : pushOne(client, agent, config);
                return next.thenApply(outcome -> append(done, outcome));
            });
        }
        return chain;
    }

    private static CompletableFuture<PushOutcome> pushOne(AgentClient client, AgentEndpoint agent, AgentConfig config) {
        CompletableFuture<ApplyResult> push;
        try {
            push = client.config(agent).thenCompose(running -> client.pushConfig(agent, config, running.etag()));
        } catch (RuntimeException e) {
            push = CompletableFuture.failedFuture(e);
        }
        return push.handle((applied, failure) -> failure == null
                ? new PushOutcome.Applied(agent.name(), applied)
                : new PushOutcome.Failed(agent.name(), asClientException(agent, failure)));
    }

    private static AgentClientException asClientException(AgentEndpoint agent, Throwable failure) {
        return new Failures(Duration.ZERO).map(agent, failure, Duration.ZERO);
    }

    private static List<AgentEndpoint> checked(AgentClient client, List<AgentEndpoint> agents, AgentConfig config) {
        requireNonNull(client, "client");
        requireNonNull(config, "config");
        List<AgentEndpoint> targets = List.copyOf(requireNonNull(agents, "agents"));
        Set<URI> seen = new HashSet<>();
        for (AgentEndpoint agent : targets) {
            if (!seen.add(agent.adminUri())) {
                throw new IllegalArgumentException(
                        "agents: " + agent.adminUri() + " twice (expected: each agent once)");
            }
        }
        return targets;
    }

    private static List<PushOutcome> append(List<PushOutcome> done, PushOutcome outcome) {
        List<PushOutcome> next = new ArrayList<>(done.size() + 1);
        next.addAll(done);
        next.add(outcome);
        return List.copyOf(next);
    }
}
