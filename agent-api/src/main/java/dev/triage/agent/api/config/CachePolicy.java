package dev.triage.agent.api.config;

/**
 * Caching of a route's GET (and HEAD) responses.
 *
 * @param ttlMs how long a stored response is fresh (upstream Cache-Control max-age/s-maxage wins when
 *     shorter; no-store and private are honoured)
 * @param staleWhileRevalidateMs after freshness ends, serve the stored copy at once while one
 *     background fetch refreshes it
 * @param staleIfErrorMs after freshness ends, serve the stored copy when the upstream fails
 * @param shareAcrossPrincipals when false (the default), responses to requests with Authorization are
 *     cached per principal and never served to another
 * @param maxEntryBytes responses larger than this are not stored
 */
public record CachePolicy(
        int ttlMs, int staleWhileRevalidateMs, int staleIfErrorMs, boolean shareAcrossPrincipals, int maxEntryBytes) {

    public static final int DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;

    public CachePolicy {
        maxEntryBytes = maxEntryBytes == 0 ? DEFAULT_MAX_ENTRY_BYTES : maxEntryBytes;
    }
}
