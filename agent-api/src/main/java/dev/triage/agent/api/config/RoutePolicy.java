package dev.triage.agent.api.config;

/** The resilience and admission policies of one route; each part null when off. */
public record RoutePolicy(RetryPolicy retry, HedgePolicy hedge, CachePolicy cache, GatePolicy gates) {

    public static final RoutePolicy NONE = new RoutePolicy(null, null, null, null);
}
