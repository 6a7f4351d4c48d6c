package dev.triage.core.fleet;

import dev.triage.agent.api.config.AgentConfig;
import dev.triage.agent.client.AgentClient;
import dev.triage.agent.client.ApplyResult;
import dev.triage.core.port.AgentFleet.PushResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One config pushed to several agents, each with If-Match: the hash the caller expects, or else the
 * ETag of the config the agent runs just before the push.
 */
final class Pushes {

    private final AgentClient client;
    private final AgentConfig config;
    private final Map<String, String> expectedHashes;

    Pushes(AgentClient client, AgentConfig config, Map<String, String> expectedHashes) {
        this.client = client;
        this.config = config;
        this.expectedHashes = Map.copyOf(expectedHashes);
    }

    /** Every agent at once; one failure does not stop the others. */
    List<PushResult> allAtOnce(List<FleetAgent> agents) {
        List<CompletableFuture<PushResult>> pushes = new ArrayList<>(agents.size());
        for (FleetAgent agent : agents) {
            pushes.add(start(agent));
        }
        List<PushResult> results = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            results.add(Calls.await(pushes.get(i), agents.get(i), "PUT /admin/config"));
        }
        return List.copyOf(results);
    }

    /** One after the other; after the first failure the rest are skipped. */
    List<PushResult> rolling(List<FleetAgent> agents) {
        List<PushResult> results = new ArrayList<>(agents.size());
        boolean stopped = false;
        for (FleetAgent agent : agents) {
            PushResult result =
                    stopped ? PushResult.skipped(agent.name()) : Calls.await(start(agent), agent, "PUT /admin/config");
            stopped |= result.status() != PushResult.Status.APPLIED;
            results.add(result);
        }
        return List.copyOf(results);
    }

    /** A future that never fails: a failure is a FAILED result. */
    private CompletableFuture<PushResult> start(FleetAgent agent) {
        CompletableFuture<ApplyResult> push;
        try {
            String expected = expectedHashes.get(agent.name());
            push = expected != null
                    ? client.pushConfig(agent.endpoint(), config, expected)
                    : client.config(agent.endpoint())
                            .thenCompose(running -> client.pushConfig(agent.endpoint(), config, running.etag()));
        } catch (RuntimeException e) {
            push = CompletableFuture.failedFuture(e);
        }
        return push.handle((applied, failure) -> failure == null
                ? PushResult.applied(agent.name(), applied.version(), applied.hash())
                : PushResult.failed(
                        agent.name(), Calls.translate(failure, agent, "PUT /admin/config"), Calls.errors(failure)));
    }
}
