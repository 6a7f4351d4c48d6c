package dev.triage.agent.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.triage.agent.http.ProxyRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The credentials the upstream recently accepted, for routes that share across principals: a shared
 * copy of a URL is served to a request with Authorization only when the upstream answered that very
 * credential for that URL (any host, path and query the cache keys on) with a 2XX, 3XX or 404
 * within {@link #ACCEPTANCE}, and has not answered it 401 since.
 *
 * <p>Acceptance is per URL, not per credential alone: an upstream may answer a wrong credential
 * without checking it (a public path, a 404 for an unrouted path, a trailing-slash redirect made
 * before authentication), and that answer must not open every other shared copy. A 401 to a
 * credential drops all its grants at once (its epoch changes); a 403 drops the grant of that URL.
 *
 * <p>Only SHA-256 digests of Authorization are held, never the value. Both maps are bounded and
 * expire {@link #ACCEPTANCE} after the last write; losing an entry early only sends a request to
 * the upstream.
 */
final class Principals {

    /** How long an upstream's acceptance of a credential for a URL vouches for it. */
    static final Duration ACCEPTANCE = Duration.ofMinutes(10);

    /** Bound of each map (grants, and credentials with grants). */
    static final long MAX_ENTRIES = 100_000;

    /** A credential's acceptance for one URL, under the credential's epoch at the time. */
    record Grant(String principal, long epoch, String host, String path, String query) {}

    /** What a request would be vouched by: its credential's digest and URL. */
    record Claim(String principal, String host, String path, String query) {}

    private final Cache<String, Long> epochs;
    private final Cache<Grant, Boolean> grants;
    private final AtomicLong nextEpoch = new AtomicLong();
    private final AtomicLong revocations = new AtomicLong();

    Principals(Ticker ticker) {
        this.epochs = bounded(ticker);
        this.grants = bounded(ticker);
    }

    private static <K, V> Cache<K, V> bounded(Ticker ticker) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(ACCEPTANCE)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    static Claim claim(ProxyRequest request, CacheKey key) {
        String principal = CacheKey.sha256(String.join("\n", request.headers().all("authorization")));
        return new Claim(principal, key.host(), key.path(), key.query());
    }

    boolean accepted(Claim claim) {
        Long epoch = epochs.getIfPresent(claim.principal());
        return epoch != null
                && grants.getIfPresent(new Grant(claim.principal(), epoch, claim.host(), claim.path(), claim.query()))
                        != null;
    }

    /** Read before sending a request; pass to {@link #answered}. */
    long revocations() {
        return revocations.get();
    }

    /**
     * Learns from the upstream's answer to the claim's credential.
     *
     * @param revocationsAtSend {@link #revocations()} before the request was sent: an acceptance
     *     that raced a 401 to any credential is not recorded (it may predate a password change)
     */
    void answered(Claim claim, int status, long revocationsAtSend) {
        if (accepts(status)) {
            // compute, not get: each acceptance restarts the epoch's expiry, so it outlives its grants.
            Long epoch = epochs.asMap()
                    .compute(
                            claim.principal(),
                            (principal, current) -> current != null ? current : nextEpoch.incrementAndGet());
            Grant grant = new Grant(claim.principal(), epoch, claim.host(), claim.path(), claim.query());
            grants.put(grant, Boolean.TRUE);
            if (revocations.get() != revocationsAtSend) {
                grants.invalidate(grant); // a 401 landed while this was in flight: trust neither
            }
        } else if (status == 401) {
            if (epochs.asMap().remove(claim.principal()) != null) {
                revocations.incrementAndGet();
            }
        } else if (status == 403) {
            Long epoch = epochs.getIfPresent(claim.principal());
            if (epoch != null) {
                grants.invalidate(new Grant(claim.principal(), epoch, claim.host(), claim.path(), claim.query()));
            }
        }
    }

    /** Answers that show the upstream authenticated the credential for the URL. */
    static boolean accepts(int status) {
        return status >= 200 && status < 400 || status == 404;
    }
}
