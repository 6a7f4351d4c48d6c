package dev.triage.agent.cache;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted upstream that counts its calls; by default it answers 200 "v1", "v2", ... */
final class FakeUpstream implements Exchange {

    @FunctionalInterface
    interface Reply {
        ProxyResponse reply(ProxyRequest request, int call) throws UpstreamException, InterruptedException;
    }

    static final Reply VERSIONED = (request, call) -> ok("v" + call);

    private final AtomicInteger calls = new AtomicInteger();
    private final List<ProxyRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Reply reply = VERSIONED;

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        requests.add(request);
        return reply.reply(request, calls.incrementAndGet());
    }

    FakeUpstream replying(Reply next) {
        this.reply = next;
        return this;
    }

    int calls() {
        return calls.get();
    }

    List<ProxyRequest> requests() {
        return requests;
    }

    static ProxyResponse ok(String body, String... headers) {
        return new ProxyResponse(200, Headers.of(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    static ProxyResponse status(int status, String... headers) {
        return new ProxyResponse(status, Headers.of(headers), ("status " + status).getBytes(StandardCharsets.UTF_8));
    }
}
