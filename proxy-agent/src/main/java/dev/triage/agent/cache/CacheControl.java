package dev.triage.agent.cache;

import dev.triage.agent.http.Headers;
import java.util.Locale;

/**
 * The Cache-Control directives the cache acts on (RFC 9111 5.2). Field-specific forms such as
 * {@code no-cache="Set-Cookie"} count as the whole directive: the safe reading.
 *
 * @param mustRevalidate must-revalidate or proxy-revalidate: never serve stale
 * @param maxAgeSeconds -1 when absent
 * @param sMaxAgeSeconds -1 when absent
 */
record CacheControl(
        boolean noStore,
        boolean noCache,
        boolean isPrivate,
        boolean mustRevalidate,
        long maxAgeSeconds,
        long sMaxAgeSeconds) {

    static final CacheControl NONE = new CacheControl(false, false, false, false, -1, -1);

    static CacheControl of(Headers headers) {
        boolean noStore = false;
        boolean noCache = false;
        boolean isPrivate = false;
        boolean mustRevalidate = false;
        long maxAge = -1;
        long sMaxAge = -1;
        boolean any = false;
        for (String value : headers.all("cache-control")) {
            for (String directive : value.split(",")) {
                String trimmed = directive.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                any = true;
                int equals = trimmed.indexOf('=');
                String name = (equals < 0 ? trimmed : trimmed.substring(0, equals))
                        .trim()
                        .toLowerCase(Locale.ROOT);
                String argument = equals < 0
                        ? null
                        : unquote(trimmed.substring(equals + 1).trim());
                switch (name) {
                    case "no-store" -> noStore = true;
                    case "no-cache" -> noCache = true;
                    case "private" -> isPrivate = true;
                    case "must-revalidate", "proxy-revalidate" -> mustRevalidate = true;
                    // An unparseable max-age means the response is stale (RFC 9111 4.2.1).
                    case "max-age" -> maxAge = seconds(argument);
                    case "s-maxage" -> sMaxAge = seconds(argument);
                    default -> {}
                }
            }
        }
        return any ? new CacheControl(noStore, noCache, isPrivate, mustRevalidate, maxAge, sMaxAge) : NONE;
    }

    /** What a client's request asks: no-cache (or max-age=0, or Pragma: no-cache) and no-store. */
    static CacheControl ofRequest(Headers headers) {
        CacheControl control = of(headers);
        if (control == NONE
                && headers.first("pragma").filter(p -> p.contains("no-cache")).isPresent()) {
            return new CacheControl(false, true, false, false, -1, -1);
        }
        return control;
    }

    /** The client will not take a stored answer without the upstream seeing the request. */
    boolean requestsRevalidation() {
        return noCache || maxAgeSeconds == 0;
    }

    private static long seconds(String argument) {
        if (argument == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(argument));
        } catch (NumberFormatException e) {
            // Too large for a long: as good as forever. Anything else is malformed: stale.
            return !argument.isEmpty() && argument.chars().allMatch(Character::isDigit) ? Integer.MAX_VALUE : 0;
        }
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1)
                : text;
    }
}
