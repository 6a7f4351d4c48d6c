package dev.triage.agent.cache;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.util.List;

/**
 * Cache fetches ask for the whole representation: the answer may be stored and shared with other
 * callers, so a client's conditional or range fields must not shape it (a 304 or 206 for one client
 * is no answer for the next).
 */
final class Requests {

    private static final List<String> CONDITIONAL =
            List.of("if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range");

    private Requests() {}

    static ProxyRequest unconditional(ProxyRequest request) {
        Headers headers = request.headers();
        boolean conditional = false;
        for (String name : CONDITIONAL) {
            conditional |= headers.contains(name);
        }
        if (!conditional) {
            return request;
        }
        Headers.Builder builder = headers.toBuilder();
        for (String name : CONDITIONAL) {
            builder.remove(name);
        }
        return request.withHeaders(builder.build());
    }
}
