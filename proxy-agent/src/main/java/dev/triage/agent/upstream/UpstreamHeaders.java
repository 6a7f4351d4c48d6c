package dev.triage.agent.upstream;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.util.Locale;
import java.util.Set;

/**
 * The header fields an attempt sends: the client's, minus hop-by-hop and framing fields, plus
 * X-Forwarded-For (appended), -Proto and -Host (set by the agent, never trusted from the client) and
 * X-Request-Id.
 */
final class UpstreamHeaders {

    /** Framing is the upstream client's job (the body is buffered); Expect was handled with the client. */
    private static final Set<String> DROPPED = Set.of(
            "content-length", "expect", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-request-id");

    private UpstreamHeaders() {}

    static Headers forward(ProxyRequest request) {
        Headers client = request.headers();
        Headers.Builder builder = Headers.builder();
        for (Headers.Field field : client.withoutHopByHop().fields()) {
            if (!DROPPED.contains(field.name().toLowerCase(Locale.ROOT))) {
                builder.add(field.name(), field.value());
            }
        }
        String forwardedFor = String.join(", ", client.all("X-Forwarded-For"));
        builder.add(
                "X-Forwarded-For",
                forwardedFor.isEmpty() ? request.clientAddress() : forwardedFor + ", " + request.clientAddress());
        builder.add("X-Forwarded-Proto", request.scheme());
        client.first("Host").ifPresent(host -> builder.add("X-Forwarded-Host", host));
        builder.add("X-Request-Id", request.requestId());
        return builder.build();
    }
}
