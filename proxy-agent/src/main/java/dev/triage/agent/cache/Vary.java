package dev.triage.agent.cache;

import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request fields a stored response varies on, with the values of the request that fetched it.
 * One variant is kept per key: a request with other values is a miss, and its answer replaces it.
 */
record Vary(List<String> names, List<String> values) {

    static final Vary NONE = new Vary(List.of(), List.of());

    /** Null when the response varies on "*": it can never be reused. */
    static Vary of(Headers responseHeaders, ProxyRequest request) {
        List<String> names = new ArrayList<>(2);
        for (String value : responseHeaders.all("vary")) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (name.equals("*")) {
                    return null;
                }
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            return NONE;
        }
        return new Vary(List.copyOf(names), valuesOf(names, request));
    }

    boolean matches(ProxyRequest request) {
        return names.isEmpty() || values.equals(valuesOf(names, request));
    }

    int weight() {
        int weight = 0;
        for (int i = 0; i < names.size(); i++) {
            weight += 32 + 2 * (names.get(i).length() + values.get(i).length());
        }
        return weight;
    }

    private static List<String> valuesOf(List<String> names, ProxyRequest request) {
        List<String> values = new ArrayList<>(names.size());
        for (String name : names) {
            String value = String.join(",", request.headers().all(name));
            // Credentials are compared by digest: the cache never holds them.
            values.add(name.equals("authorization") || name.equals("cookie") ? CacheKey.sha256(value) : value);
        }
        return values;
    }
}
