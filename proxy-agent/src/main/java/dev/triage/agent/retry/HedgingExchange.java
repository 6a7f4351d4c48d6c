package dev.triage.agent.retry;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.ExchangeListener;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/** Races an attempt against hedges started {@code delayNanos} apart; see {@link Hedging}. */
final class HedgingExchange implements Exchange {

    private final Exchange next;
    private final long delayNanos;
    private final int maxHedges;
    private final RetryBudget budget;
    private final ExchangeListener listener;
    private final ExecutorService executor;

    HedgingExchange(
            Exchange next,
            long delayNanos,
            int maxHedges,
            RetryBudget budget,
            ExchangeListener listener,
            ExecutorService executor) {
        this.next = next;
        this.delayNanos = delayNanos;
        this.maxHedges = maxHedges;
        this.budget = budget;
        this.listener = listener;
        this.executor = executor;
    }

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        ExecutorCompletionService<ProxyResponse> finished = new ExecutorCompletionService<>(executor);
        List<Future<ProxyResponse>> started = new ArrayList<>(1 + maxHedges);
        try {
            started.add(finished.submit(() -> next.exchange(request, deadline)));
            return race(request, deadline, finished, started);
        } finally {
            for (Future<ProxyResponse> attempt : started) {
                attempt.cancel(true); // no-op for the finished ones
            }
        }
    }

    private ProxyResponse race(
            ProxyRequest request,
            Deadline deadline,
            ExecutorCompletionService<ProxyResponse> finished,
            List<Future<ProxyResponse>> started)
            throws UpstreamException, InterruptedException {
        Outcome best = new Outcome();
        int running = 1;
        boolean hedging = true;
        long nextHedgeAt = System.nanoTime() + delayNanos;
        while (running > 0) {
            boolean hedgeDue = hedging && started.size() <= maxHedges && nextHedgeAt - deadline.nanos() < 0;
            long waitNanos = (hedgeDue ? nextHedgeAt : deadline.nanos()) - System.nanoTime();
            Future<ProxyResponse> done = waitNanos > 0 ? finished.poll(waitNanos, NANOSECONDS) : finished.poll();
            if (done != null) {
                running--;
                ProxyResponse good = best.add(done);
                if (good != null) {
                    return good;
                }
            } else if (!hedgeDue) {
                return best.timedOut();
            } else if (System.nanoTime() - nextHedgeAt >= 0) {
                if (!budget.tryAcquire()) {
                    listener.budgetRefused();
                    hedging = false;
                } else if (startHedge(request, deadline, finished, started)) {
                    listener.hedge();
                    running++;
                    nextHedgeAt = System.nanoTime() + delayNanos;
                } else {
                    hedging = false;
                }
            }
        }
        return best.last();
    }

    private boolean startHedge(
            ProxyRequest request,
            Deadline deadline,
            ExecutorCompletionService<ProxyResponse> finished,
            List<Future<ProxyResponse>> started) {
        try {
            started.add(finished.submit(() -> next.exchange(request, deadline)));
            return true;
        } catch (RejectedExecutionException e) {
            return false; // the agent is shutting down: let the running attempt finish
        }
    }

    /** The best answer so far: a 5XX response beats a failure; among failures the last one counts. */
    private static final class Outcome {
        private ProxyResponse serverError;
        private Throwable failure;

        /** The response when it is good (below 500), else null after keeping it or its failure. */
        ProxyResponse add(Future<ProxyResponse> done) throws InterruptedException {
            try {
                ProxyResponse response = done.get();
                if (!response.isServerError()) {
                    return response;
                }
                serverError = response;
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            return null;
        }

        ProxyResponse timedOut() throws UpstreamException {
            if (serverError != null) {
                return serverError;
            }
            throw new UpstreamException(Kind.TIMEOUT, "hedged attempts: deadline passed", failure);
        }

        ProxyResponse last() throws UpstreamException {
            if (serverError != null) {
                return serverError;
            }
            switch (failure) {
                case UpstreamException upstream -> throw upstream;
                case RuntimeException unexpected -> throw unexpected;
                case Error error -> throw error;
                default -> throw new UpstreamException(Kind.RESET, "hedged attempt failed: " + failure, failure);
            }
        }
    }
}
