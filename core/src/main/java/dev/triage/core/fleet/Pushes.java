package dev.triage.core.fleet;

import dev.triage.agent.client.ApplyResult;
import dev.triage.core.port.AgentFleet.PushResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One push strategy run over several agents: all at once, or rolling with a stop at the first failure. */
final class Pushes {

    private final Function<FleetAgent, CompletableFuture<ApplyResult>> push;

    /** @param push pushes to one agent (each with its If-Match); may throw or fail its future */
    Pushes(Function<FleetAgent, CompletableFuture<ApplyResult>> push) {
        this.push = push;
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
        CompletableFuture<ApplyResult> applied;
        try {
            applied = push.apply(agent);
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        return applied.handle((result, failure) -> failure == null
                ? PushResult.applied(agent.name(), result.version(), result.hash())
                : PushResult.failed(
                        agent.name(), Calls.translate(failure, agent, "PUT /admin/config"), Calls.errors(failure)));
    }
}
