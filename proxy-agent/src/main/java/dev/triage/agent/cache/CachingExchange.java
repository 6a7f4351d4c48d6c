package dev.triage.agent.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A route's cache in front of its upstream chain. Only GET and HEAD are cached; every answer to them
 * carries X-Cache. Fresh copies are served (HIT); stale ones within stale-while-revalidate are served
 * at once while one background fetch refreshes them (STALE), and so are those within stale-if-error
 * while the upstream is known to be failing; otherwise concurrent callers for a key share one
 * upstream fetch (MISS), and an upstream failure or 5XX is replaced by a stored copy within
 * stale-if-error (STALE).
 *
 * <p>On a route that shares across principals, a request with Authorization whose credential
 * {@link Principals} does not vouch for is sent to the upstream on its own: no stored copy, no
 * shared fetch, no stale copy. Its answer teaches {@link Principals} and may update the shared copy.
 */
final class CachingExchange implements Exchange {

    private static final int MAX_JOIN_TRIES = 8;

    private final CachePolicy policy;
    private final Exchange next;
    private final Served served;
    private final EntryStore store;
    private final SingleFlight flights;
    private final Ticker ticker;
    private final Revalidator revalidator;
    private final Principals principals;
    private final BooleanSupplier upstreamFailing;

    CachingExchange(
            CachePolicy policy,
            Exchange next,
            Served served,
            EntryStore store,
            SingleFlight flights,
            Ticker ticker,
            Revalidator revalidator,
            Principals principals,
            BooleanSupplier upstreamFailing) {
        this.policy = policy;
        this.next = next;
        this.served = served;
        this.store = store;
        this.flights = flights;
        this.ticker = ticker;
        this.revalidator = revalidator;
        this.principals = principals;
        this.upstreamFailing = upstreamFailing;
    }

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return next.exchange(request, deadline);
        }
        CacheControl asked = CacheControl.ofRequest(request.headers());
        if (asked.noStore()) {
            return bypass(request, deadline);
        }
        CacheKey key = CacheKey.of(request, policy.shareAcrossPrincipals());
        Principals.Claim claim = key.sharedAuthenticated() ? Principals.claim(request, key) : null;
        if (asked.requestsRevalidation() || claim != null && !principals.accepted(claim)) {
            return solo(key, claim, request, deadline);
        }
        CacheEntry entry = store.get(key, request);
        long now = ticker.read();
        if (entry != null) {
            if (entry.fresh(now)) {
                return served.hit(entry, now);
            }
            if (entry.servableWhileRevalidating(now) || entry.servableOnError(now) && upstreamFailing.getAsBoolean()) {
                revalidator.refresh(key, request, deadline, (k, r, d) -> fetchAndStore(k, claim, r, d));
                return served.stale(entry, now);
            }
        }
        return shared(key, claim, request, deadline);
    }

    /**
     * The caller's own upstream fetch (which may update the store), never a stored or stale copy: a
     * client's no-cache, or a credential not (yet) vouched for on a shared route.
     */
    private ProxyResponse solo(CacheKey key, Principals.Claim claim, ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        try {
            return served.miss(fetchAndStore(key, claim, request, deadline).response());
        } catch (UpstreamException | RuntimeException e) {
            served.missed();
            throw e;
        }
    }

    private ProxyResponse shared(CacheKey key, Principals.Claim claim, ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        for (int tries = 0; tries < MAX_JOIN_TRIES; tries++) {
            SingleFlight.Flight flight = flights.lead(key);
            if (flight != null) {
                return resolve(key, request, lead(flight, key, claim, request, deadline), true);
            }
            CompletableFuture<Outcome> running = flights.running(key);
            if (running != null) {
                Outcome outcome = SingleFlight.await(running, deadline);
                if (outcome instanceof Outcome.Fetched fetched && !reusableBy(fetched, request)
                        || outcome instanceof Outcome.Stored stored
                                && !stored.entry().vary().matches(request)) {
                    return solo(key, claim, request, deadline);
                }
                return resolve(key, request, outcome, false);
            }
        }
        return solo(key, claim, request, deadline); // flights kept landing under us: fetch alone
    }

    private Outcome lead(
            SingleFlight.Flight flight, CacheKey key, Principals.Claim claim, ProxyRequest request, Deadline deadline)
            throws InterruptedException {
        Outcome outcome = null;
        try {
            // A flight that landed just before ours may have stored a fresh copy.
            CacheEntry entry = store.get(key, request);
            if (entry != null && entry.fresh(ticker.read())) {
                outcome = new Outcome.Stored(entry);
            } else {
                outcome = fetchAndStore(key, claim, request, deadline);
            }
            return outcome;
        } catch (UpstreamException | RuntimeException e) {
            outcome = new Outcome.Failed(e);
            return outcome;
        } finally {
            flight.land(
                    outcome != null
                            ? outcome
                            : new Outcome.Failed(new UpstreamException(
                                    UpstreamException.Kind.TIMEOUT, "shared upstream fetch was interrupted", null)));
        }
    }

    private ProxyResponse resolve(CacheKey key, ProxyRequest request, Outcome outcome, boolean leader)
            throws UpstreamException {
        switch (outcome) {
            case Outcome.Stored stored -> {
                return served.hit(stored.entry(), ticker.read());
            }
            case Outcome.Fetched fetched -> {
                if (!fetched.response().isServerError()) {
                    return served.miss(fetched.response());
                }
                ProxyResponse stale = staleOnError(key, request);
                return stale != null ? stale : served.miss(fetched.response());
            }
            case Outcome.Failed failed -> {
                ProxyResponse stale = staleOnError(key, request);
                if (stale != null) {
                    return stale;
                }
                served.missed();
                throw rethrown(failed.failure(), leader);
            }
        }
    }

    private ProxyResponse staleOnError(CacheKey key, ProxyRequest request) {
        CacheEntry entry = store.get(key, request);
        long now = ticker.read();
        if (entry == null || !entry.servableOnError(now)) {
            return null;
        }
        return entry.fresh(now) ? served.hit(entry, now) : served.stale(entry, now);
    }

    /**
     * The upstream's answer, stored when it may be; a definitive answer that may not replaces the
     * copy. On the shared copy of requests with Authorization, a 401 or 403 speaks of the credential,
     * not of the resource: it leaves the copy alone.
     *
     * @param claim the credential to learn about from the answer (null unless the key is the shared
     *     authenticated copy)
     */
    private Outcome.Fetched fetchAndStore(CacheKey key, Principals.Claim claim, ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        long generation = store.generation(key);
        long revocations = principals.revocations();
        ProxyResponse response = next.exchange(Requests.unconditional(request), deadline);
        int status = response.status();
        if (claim != null) {
            principals.answered(claim, status, revocations);
        }
        CacheEntry entry = Admission.admit(policy, key, request, response, ticker.read());
        if (entry != null) {
            store.put(key, entry, generation);
        } else if (Admission.SUPERSEDING.contains(status)
                && !(key.sharedAuthenticated() && (status == 401 || status == 403))) {
            store.remove(key);
        }
        return new Outcome.Fetched(request, response, entry != null);
    }

    private ProxyResponse bypass(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        try {
            return served.miss(next.exchange(request, deadline));
        } catch (UpstreamException | RuntimeException e) {
            served.missed();
            throw e;
        }
    }

    /**
     * Whether another caller's answer may be handed to this one: failures are shared (stale-if-error
     * then applies to each), answers only when fit to store (never a private, no-store, Set-Cookie
     * or other principal's answer) and of the variant this request asks for.
     */
    private static boolean reusableBy(Outcome.Fetched fetched, ProxyRequest request) {
        if (fetched.response().isServerError()) {
            return true;
        }
        Vary vary = Vary.of(fetched.response().headers(), fetched.request());
        return fetched.stored() && vary != null && vary.matches(request);
    }

    private static UpstreamException rethrown(Exception failure, boolean leader) {
        if (failure instanceof UpstreamException upstream) {
            return leader
                    ? upstream
                    : new UpstreamException(upstream.kind(), upstream.requestSent(), upstream.getMessage(), upstream);
        }
        if (failure instanceof RuntimeException runtime && leader) {
            throw runtime;
        }
        throw new IllegalStateException("shared upstream fetch failed", failure);
    }
}
