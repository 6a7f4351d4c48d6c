package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;

/** What one upstream fetch for a key came to, as shared with the callers that waited for it. */
sealed interface Outcome {

    /**
     * The upstream answered (any status) to this request.
     *
     * @param stored whether the answer was fit to store, hence to hand to other callers of the key
     */
    record Fetched(ProxyRequest request, ProxyResponse response, boolean stored) implements Outcome {}

    /** A fresh copy turned up in the store before the fetch began. */
    record Stored(CacheEntry entry) implements Outcome {}

    /** No answer: an UpstreamException, or a defect (RuntimeException) in the chain below. */
    record Failed(Exception failure) implements Outcome {}
}
