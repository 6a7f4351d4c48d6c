package dev.triage.agent.cache;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.UpstreamException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background refreshes of stale copies: one per key at a time (a refresh is a single flight, so
 * misses for the key wait for it too), each with its own deadline.
 */
final class Revalidator {

    /** A refresh gets the triggering caller's remaining time, but never less than this. */
    static final Duration MIN_BUDGET = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Revalidator.class);

    private final SingleFlight flights;
    private final Executor executor;

    Revalidator(SingleFlight flights, Executor executor) {
        this.flights = flights;
        this.executor = executor;
    }

    @FunctionalInterface
    interface Fetch {
        Outcome.Fetched fetch(CacheKey key, ProxyRequest request, Deadline deadline)
                throws UpstreamException, InterruptedException;
    }

    void refresh(CacheKey key, ProxyRequest request, Deadline callerDeadline, Fetch fetch) {
        SingleFlight.Flight flight = flights.lead(key);
        if (flight == null) {
            return; // a fetch for the key is already running; it will store what it gets
        }
        Duration remaining = callerDeadline.remaining();
        Duration budget = remaining.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : remaining;
        try {
            executor.execute(() -> run(flight, key, request, budget, fetch));
        } catch (RejectedExecutionException e) {
            flight.land(new Outcome.Failed(
                    new UpstreamException(UpstreamException.Kind.NOT_SENT, false, "refresh rejected", e)));
        }
    }

    private static void run(
            SingleFlight.Flight flight, CacheKey key, ProxyRequest request, Duration budget, Fetch fetch) {
        Outcome outcome = null;
        try {
            outcome = fetch.fetch(key, request, Deadline.after(budget));
        } catch (UpstreamException e) {
            outcome = new Outcome.Failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome =
                    new Outcome.Failed(new UpstreamException(UpstreamException.Kind.TIMEOUT, "refresh interrupted", e));
        } catch (RuntimeException e) {
            log.warn("Background refresh of {} failed", key.path(), e);
            outcome = new Outcome.Failed(e);
        } finally {
            flight.land(outcome != null ? outcome : new Outcome.Failed(new IllegalStateException("refresh failed")));
        }
    }
}
