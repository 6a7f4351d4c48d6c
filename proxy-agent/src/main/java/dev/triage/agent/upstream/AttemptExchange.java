package dev.triage.agent.upstream;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;

/** One attempt: a target chosen round-robin, the request sent, the outcome reported. */
final class AttemptExchange implements Exchange {

    private final UpstreamClient client;
    private final TargetGroupRuntime group;
    private final ExchangeListener listener;

    AttemptExchange(UpstreamClient client, TargetGroupRuntime group, ExchangeListener listener) {
        this.client = client;
        this.group = group;
        this.listener = listener;
    }

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        Target target = group.choose();
        if (target == null) {
            listener.attempt(group.name(), "-", 0, UpstreamException.Kind.NOT_SENT, 0);
            throw new UpstreamException(
                    UpstreamException.Kind.NOT_SENT, false, "target group " + group.name() + " has no targets", null);
        }
        long start = System.nanoTime();
        ProxyResponse response;
        try {
            response = client.send(target, request, deadline, group.config().maxResponseBytes());
        } catch (UpstreamException e) {
            group.record(target, false);
            listener.attempt(group.name(), target.label(), 0, e.kind(), System.nanoTime() - start);
            throw e;
        }
        group.record(target, !countsAsFailure(response.status()));
        listener.attempt(group.name(), target.label(), response.status(), null, System.nanoTime() - start);
        return response;
    }

    /** 500, 502, 503 and 504 say the target is in trouble; 501 or 505 say the request was odd. */
    static boolean countsAsFailure(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }
}
