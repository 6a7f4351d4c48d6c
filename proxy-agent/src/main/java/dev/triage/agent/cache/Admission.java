package dev.triage.agent.cache;

import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an upstream answer may be stored, and for how long it stays fresh.
 *
 * <p>Stored statuses: 200, 203, 204, 300, 301, 308, 404 and 410, the final answers RFC 9111 lets a
 * cache reuse by default, minus 206 (ranges are not stored) and the 405/414/501 rarities; never a 5XX.
 * Freshness is the route's TTL, shortened by s-maxage, max-age (less the upstream's Age) or
 * Expires; no-cache makes it zero (the copy is then kept only for stale-if-error). no-store is never
 * stored; private, and Set-Cookie, only under a per-principal key; Vary: * never.
 */
final class Admission {

    static final Set<Integer> STORABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 410);

    /** Answers that replace what is stored even when they cannot be stored themselves. */
    static final Set<Integer> SUPERSEDING = Set.of(200, 203, 204, 300, 301, 308, 401, 403, 404, 410);

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private Admission() {}

    /** The entry to store, or null when the answer must not be stored. */
    static CacheEntry admit(CachePolicy policy, CacheKey key, ProxyRequest request, ProxyResponse response, long now) {
        if (!STORABLE.contains(response.status()) || response.body().length > policy.maxEntryBytes()) {
            return null;
        }
        Headers headers = response.headers();
        CacheControl control = CacheControl.of(headers);
        boolean perPrincipal = key.perPrincipal();
        if (control.noStore() || ((control.isPrivate() || headers.contains("set-cookie")) && !perPrincipal)) {
            return null;
        }
        Vary vary = Vary.of(headers, request);
        if (vary == null) {
            return null;
        }
        long ageMs = ageSeconds(headers) * 1000L;
        long freshMs = Math.max(0, Math.min(policy.ttlMs(), lifetimeMs(control, headers) - ageMs));
        if (control.noCache()) {
            freshMs = 0;
        }
        long revalidateMs = control.mustRevalidate() || control.noCache() ? 0 : policy.staleWhileRevalidateMs();
        long errorMs = control.mustRevalidate() ? 0 : policy.staleIfErrorMs();
        if (freshMs + Math.max(revalidateMs, errorMs) <= 0) {
            return null;
        }
        Headers stored = headers.withoutHopByHop().toBuilder()
                .remove("age")
                .remove(XCache.HEADER)
                .build();
        long freshUntil = now + freshMs * NANOS_PER_MILLI;
        return new CacheEntry(
                response.status(),
                stored,
                response.body(),
                vary,
                now,
                ageMs * NANOS_PER_MILLI,
                freshUntil,
                freshUntil + revalidateMs * NANOS_PER_MILLI,
                freshUntil + errorMs * NANOS_PER_MILLI,
                weigh(key, stored, response.body(), vary));
    }

    /** The upstream's own freshness lifetime, or Long.MAX_VALUE when it states none. */
    private static long lifetimeMs(CacheControl control, Headers headers) {
        if (control.sMaxAgeSeconds() >= 0) {
            return control.sMaxAgeSeconds() * 1000L;
        }
        if (control.maxAgeSeconds() >= 0) {
            return control.maxAgeSeconds() * 1000L;
        }
        Optional<String> expires = headers.first("expires");
        if (expires.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Instant expiry = parseDate(expires.get());
        if (expiry == null) {
            return 0; // an invalid Expires, such as "0", means already expired (RFC 9111 5.3)
        }
        Instant date = headers.first("date").map(Admission::parseDate).orElse(null);
        Instant base = date == null ? Instant.now() : date;
        return Math.max(0, expiry.toEpochMilli() - base.toEpochMilli());
    }

    private static long ageSeconds(Headers headers) {
        return headers.first("age")
                .map(value -> {
                    try {
                        return Math.max(0, Long.parseLong(value.trim()));
                    } catch (NumberFormatException e) {
                        return 0L;
                    }
                })
                .orElse(0L);
    }

    private static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int weigh(CacheKey key, Headers headers, byte[] body, Vary vary) {
        long weight = 128L + key.weight() + vary.weight() + body.length;
        for (Headers.Field field : headers.fields()) {
            weight += 32 + 2L * (field.name().length() + field.value().length());
        }
        return (int) Math.min(Integer.MAX_VALUE, weight);
    }
}
