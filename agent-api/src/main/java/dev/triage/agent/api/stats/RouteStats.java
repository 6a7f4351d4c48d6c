package dev.triage.agent.api.stats;

/**
 * One route's counts since start and its client-visible latency.
 *
 * @param requests client-visible requests and their outcomes by status class
 * @param upstream the upstream attempts the route made (retries and hedges included)
 * @param policies retries, hedges, budget refusals, held writes and cache results
 * @param latency client-visible latency (agent in to agent out)
 */
public record RouteStats(
        String name, RequestCounts requests, UpstreamCounts upstream, PolicyCounts policies, LatencyStats latency) {}
