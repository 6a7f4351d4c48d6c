package dev.triage.agent.upstream;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;

/**
 * One step of a route's upstream path. Policies are decorators around it in a fixed order:
 * cache -> retry -> hedge -> attempt (see docs/architecture.md). Calls block; the agent runs each
 * client request on a virtual thread.
 *
 * <p>An upstream's answer, even a 5XX, is returned; only a missing or unusable answer throws.
 */
@FunctionalInterface
public interface Exchange {

    ProxyResponse exchange(ProxyRequest request, Deadline deadline) throws UpstreamException, InterruptedException;
}
