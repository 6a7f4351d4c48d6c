package dev.triage.agent.cache;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.CacheStore;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.ExchangeListener;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The agent's response cache: one per agent, shared by every route and config snapshot, bounded in
 * bytes. Compose it outermost on a route's chain:
 *
 * <pre>{@code
 * Exchange chain = retryHedgeAttempt;
 * if (route.cache() != null) chain = cache.decorate(route.cache(), chain, listener);
 * chain = cache.invalidating(chain); // every route, cached or not
 * }</pre>
 *
 * <p>{@link #decorate} caches GET and HEAD (see {@link CachingExchange}); {@link #invalidating}
 * drops the reads a write changed: the written path and its parent collection, with and without
 * ".json", every query and every principal (POST /patients/7/notes drops GET /patients/7/notes and
 * /patients/7/notes.json; PATCH /hospitals/3 drops /hospitals/3 and /hospitals).
 */
public final class ResponseCache {

    private final EntryStore store;
    private final SingleFlight flights = new SingleFlight();
    private final Served.Counters counters = new Served.Counters();
    private final Ticker ticker;
    private final Revalidator revalidator;
    private final Principals principals;

    /**
     * @param ticker the clock for freshness and expiry, in nanoseconds ({@code Ticker.systemTicker()})
     * @param revalidationExecutor runs stale-while-revalidate refreshes (a virtual-thread executor)
     */
    public ResponseCache(CacheStore store, Ticker ticker, Executor revalidationExecutor) {
        requireNonNull(store, "store");
        if (store.maxBytes() <= 0) {
            throw new IllegalArgumentException("maxBytes: " + store.maxBytes() + " (expected: > 0)");
        }
        this.ticker = requireNonNull(ticker, "ticker");
        this.store = new EntryStore(store.maxBytes(), ticker);
        this.revalidator = new Revalidator(flights, requireNonNull(revalidationExecutor, "revalidationExecutor"));
        this.principals = new Principals(ticker);
    }

    /** {@link #decorate(CachePolicy, Exchange, ExchangeListener, BooleanSupplier)} for an upstream never known failing. */
    public Exchange decorate(CachePolicy policy, Exchange next, ExchangeListener listener) {
        return decorate(policy, next, listener, () -> false);
    }

    /**
     * A route's cache in front of {@code next}; methods other than GET and HEAD pass through.
     *
     * @param upstreamFailing whether the route's upstream is known to be failing now (its target
     *     group's {@code failing()}); while it is, a copy past stale-while-revalidate but within
     *     stale-if-error is served at once (X-Cache: STALE) while one background fetch tries to
     *     refresh it, instead of after the upstream has failed this request too
     */
    public Exchange decorate(
            CachePolicy policy, Exchange next, ExchangeListener listener, BooleanSupplier upstreamFailing) {
        requireNonNull(policy, "policy");
        requireNonNull(next, "next");
        requireNonNull(listener, "listener");
        requireNonNull(upstreamFailing, "upstreamFailing");
        requireNonNegative("ttlMs", policy.ttlMs());
        requireNonNegative("staleWhileRevalidateMs", policy.staleWhileRevalidateMs());
        requireNonNegative("staleIfErrorMs", policy.staleIfErrorMs());
        if (policy.maxEntryBytes() <= 0) {
            throw new IllegalArgumentException("maxEntryBytes: " + policy.maxEntryBytes() + " (expected: > 0)");
        }
        return new CachingExchange(
                policy,
                next,
                new Served(counters, listener),
                store,
                flights,
                ticker,
                revalidator,
                principals,
                upstreamFailing);
    }

    /** Drops cached reads after writes through {@code next}; wrap every route with it. */
    public Exchange invalidating(Exchange next) {
        return new InvalidatingExchange(requireNonNull(next, "next"), store);
    }

    /** Drops the entries whose path starts with the prefix (all when null or empty); returns how many. */
    public long purge(String pathPrefix) {
        return store.purge(pathPrefix);
    }

    public CacheSnapshot stats() {
        return new CacheSnapshot(
                store.entries(),
                store.bytes(),
                counters.hits.sum(),
                counters.misses.sum(),
                counters.stale.sum(),
                store.evictions());
    }

    /** Callers waiting on shared fetches (tests wait for this before releasing a held upstream). */
    int singleFlightWaiters() {
        return flights.waiters();
    }

    EntryStore store() {
        return store;
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }
}
