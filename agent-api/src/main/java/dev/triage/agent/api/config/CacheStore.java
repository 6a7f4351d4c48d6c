package dev.triage.agent.api.config;

/** The agent-wide response cache, bounded in bytes. */
public record CacheStore(long maxBytes) {

    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final CacheStore DEFAULT = new CacheStore(DEFAULT_MAX_BYTES);

    public CacheStore {
        maxBytes = maxBytes == 0 ? DEFAULT_MAX_BYTES : maxBytes;
    }
}
