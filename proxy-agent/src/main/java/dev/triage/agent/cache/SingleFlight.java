package dev.triage.agent.cache;

import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.UpstreamException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** At most one upstream fetch per key at a time; callers that find one running wait for it. */
final class SingleFlight {

    private final ConcurrentHashMap<CacheKey, CompletableFuture<Outcome>> flights = new ConcurrentHashMap<>();

    /** A flight this caller now leads, or null when one is already running (then use {@link #running}). */
    Flight lead(CacheKey key) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        return flights.putIfAbsent(key, mine) == null ? new Flight(key, mine) : null;
    }

    CompletableFuture<Outcome> running(CacheKey key) {
        return flights.get(key);
    }

    /** Waits for another caller's flight, no longer than the deadline. */
    static Outcome await(CompletableFuture<Outcome> flight, Deadline deadline) throws InterruptedException {
        try {
            return flight.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Outcome.Failed(new UpstreamException(
                    UpstreamException.Kind.TIMEOUT, "deadline passed waiting for a shared upstream fetch", null));
        } catch (ExecutionException e) {
            // Flights are always completed normally; keep the cause if that ever changes.
            return new Outcome.Failed(new IllegalStateException("shared upstream fetch failed", e.getCause()));
        }
    }

    /** Callers waiting on flights now (for tests: an estimate that is exact when quiet). */
    int waiters() {
        int waiters = 0;
        for (CompletableFuture<Outcome> flight : flights.values()) {
            waiters += flight.getNumberOfDependents();
        }
        return waiters;
    }

    final class Flight {
        private final CacheKey key;
        private final CompletableFuture<Outcome> future;

        private Flight(CacheKey key, CompletableFuture<Outcome> future) {
            this.key = key;
            this.future = future;
        }

        /** Hands the outcome to the waiters and lets the next caller lead a new flight. */
        void land(Outcome outcome) {
            flights.remove(key, future);
            future.complete(outcome);
        }
    }
}
