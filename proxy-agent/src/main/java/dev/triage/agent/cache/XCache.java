package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyResponse;

/** How a response through a cached route was served, as its X-Cache field says. */
enum XCache {
    HIT,
    MISS,
    STALE;

    static final String HEADER = "X-Cache";

    ProxyResponse label(ProxyResponse response) {
        return response.withHeaders(
                response.headers().toBuilder().set(HEADER, name()).build());
    }
}
