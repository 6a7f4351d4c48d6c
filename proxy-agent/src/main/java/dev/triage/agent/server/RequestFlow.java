package dev.triage.agent.server;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.log.AccessLogEntry;
import dev.triage.agent.log.AccessLogWriter;
import dev.triage.agent.route.ForwardChoice;
import dev.triage.agent.route.RouteAction;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.UpstreamException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a routed, gated, buffered request on its virtual thread: the route's action, the
 * mapping of a final upstream failure to 502/503/504, then counting and logging of the outcome.
 */
final class RequestFlow {

    private static final Logger LOG = LoggerFactory.getLogger(RequestFlow.class);

    private final ExecutorService executor;
    private final Supplier<AccessLogWriter> accessLog;
    private final Builtins builtins;

    RequestFlow(ExecutorService executor, Supplier<AccessLogWriter> accessLog, Builtins builtins) {
        this.executor = executor;
        this.accessLog = accessLog;
        this.builtins = builtins;
    }

    ExecutorService executor() {
        return executor;
    }

    Builtins builtins() {
        return builtins;
    }

    /** Runs the route's action; never throws but for interruption (the client went away). */
    ProxyResponse process(RouteRuntime route, ProxyRequest request, RequestContext context)
            throws InterruptedException {
        try {
            return switch (route.match().action()) {
                case RouteAction.Fixed fixed -> {
                    context.outcome = "fixed";
                    yield fixed.response();
                }
                case RouteAction.Redirect redirect -> {
                    context.outcome = "redirect";
                    yield redirect.respond(request);
                }
                case RouteAction.Forward forward -> forward(route, forward, request, context);
            };
        } catch (RuntimeException e) {
            LOG.error("request {} on route {} failed in the agent", request.requestId(), route.name(), e);
            context.outcome = "agent_error";
            return ProxyResponse.error(500, "agent_error", "the agent failed to handle the request");
        }
    }

    private ProxyResponse forward(
            RouteRuntime route, RouteAction.Forward forward, ProxyRequest request, RequestContext context)
            throws InterruptedException {
        ForwardChoice choice = forward.choose(request);
        RouteRuntime.Forwarding forwarding = route.forwards().get(choice.targetGroup());
        forwarding.metrics().received();
        context.targetGroup = choice.targetGroup();
        ProxyResponse response;
        try {
            response = forwarding.exchange().exchange(request, Deadline.after(route.timeout()));
            context.outcome = "upstream";
        } catch (UpstreamException e) {
            LOG.debug("request {} on route {}: {} ({})", request.requestId(), route.name(), e.kind(), e.getMessage());
            context.outcome = e.kind().name();
            response = failure(e.kind());
        }
        if (choice.hasCookie()) {
            response = response.withHeaders(response.headers().toBuilder()
                    .add("Set-Cookie", choice.setCookie())
                    .build());
        }
        return response;
    }

    /** The client-visible answer to a final upstream failure: the kind's status and a JSON body. */
    static ProxyResponse failure(UpstreamException.Kind kind) {
        return switch (kind) {
            case CONNECT_FAILURE ->
                ProxyResponse.error(
                        kind.clientStatus(),
                        "upstream_unreachable",
                        "the upstream refused or did not accept the connection");
            case RESET ->
                ProxyResponse.error(
                        kind.clientStatus(),
                        "upstream_reset",
                        "the upstream closed the connection before a complete response");
            case TIMEOUT ->
                ProxyResponse.error(kind.clientStatus(), "upstream_timeout", "the upstream did not answer in time");
            case PROTOCOL_ERROR ->
                ProxyResponse.error(
                        kind.clientStatus(), "upstream_protocol_error", "the upstream sent a malformed response");
            case RESPONSE_TOO_LARGE ->
                ProxyResponse.error(
                        kind.clientStatus(),
                        "upstream_response_too_large",
                        "the upstream response exceeded the agent's bound");
            case NOT_SENT ->
                ProxyResponse.error(kind.clientStatus(), "upstream_unavailable", "no upstream could take the request");
        };
    }

    /** Counts and logs one answered client request. */
    void completed(
            RouteRuntime route,
            ProxyRequest request,
            int status,
            long bytes,
            long startNanos,
            RequestContext context,
            Headers responseHeaders) {
        long nanos = System.nanoTime() - startNanos;
        if (route != null) {
            route.metrics().request(status, nanos);
            route.detector().response(request, status);
        }
        AccessLogWriter log = accessLog.get();
        if (log.enabled()) {
            String cache = responseHeaders == null
                    ? "-"
                    : responseHeaders.first("X-Cache").orElse("-");
            log.log(new AccessLogEntry(
                    Instant.now(),
                    request.requestId(),
                    request.clientAddress(),
                    request.method(),
                    request.path(),
                    request.query(),
                    status,
                    bytes,
                    nanos,
                    route == null ? "-" : route.name(),
                    context.targetGroup,
                    context.attempts.get(),
                    cache,
                    context.outcome));
        }
    }
}
