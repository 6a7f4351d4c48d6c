package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;

/**
 * Drops the cached reads a write may have changed: after a non-safe request gets a 2XX or 3XX, and
 * after one that was sent but got no answer (it may have committed). A 4XX or 5XX answer, or a
 * request known not to have been sent, changed nothing.
 */
final class InvalidatingExchange implements Exchange {

    private final Exchange next;
    private final EntryStore store;

    InvalidatingExchange(Exchange next, EntryStore store) {
        this.next = next;
        this.store = store;
    }

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        if (request.isSafe()) {
            return next.exchange(request, deadline);
        }
        ProxyResponse response;
        try {
            response = next.exchange(request, deadline);
        } catch (UpstreamException e) {
            if (e.requestSent()) {
                store.invalidateWrite(request.path());
            }
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            store.invalidateWrite(request.path()); // unknown whether it landed: assume it did
            throw e;
        }
        if (response.status() >= 200 && response.status() < 400) {
            store.invalidateWrite(request.path());
        }
        return response;
    }
}
