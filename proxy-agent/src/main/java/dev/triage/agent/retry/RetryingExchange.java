package dev.triage.agent.retry;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;

/** The retry loop of one route; everything it needs was read from the policy when it was built. */
final class RetryingExchange implements Exchange {

    /** A bound on attempts in all, unsent ones included, as a multiple of maxAttempts. */
    static final int MAX_UNSENT_FACTOR = 10;

    private final Exchange next;
    private final RetrySettings settings;
    private final RetryPorts ports;

    RetryingExchange(Exchange next, RetrySettings settings, RetryPorts ports) {
        this.next = next;
        this.settings = settings;
        this.ports = ports;
    }

    @Override
    public ProxyResponse exchange(ProxyRequest request, Deadline deadline)
            throws UpstreamException, InterruptedException {
        ports.budget().recordRequest();
        Deadline overall = settings.deadlineNanos() > 0
                ? deadline.earliest(new Deadline(System.nanoTime() + settings.deadlineNanos()))
                : deadline;
        boolean repeatable = request.isIdempotent() || settings.honouredKey(request);
        boolean holdWrites = settings.holdNanos() > 0 && !request.isIdempotent();
        Outcomes outcomes = new Outcomes();
        int sentAttempts = 0;
        for (int attempt = 1; ; attempt++) {
            if (holdWrites && !holdUntilHealthy(overall, outcomes)) {
                return outcomes.heldAndNotSent(settings.holdMillis());
            }
            if (overall.expired()) {
                return outcomes.timedOut(attempt - 1);
            }
            long retryAfterNanos;
            boolean sent;
            try {
                ProxyResponse response = next.exchange(request, perTry(overall));
                sent = true;
                sentAttempts++;
                outcomes.response(response);
                if (!settings.conditions().retryable(response.status())
                        || !(repeatable || settings.notProcessed(response.status()))) {
                    return response;
                }
                retryAfterNanos = settings.retryAfterNanos(response, ports.wallClock());
            } catch (UpstreamException e) {
                sent = e.requestSent();
                if (sent) {
                    sentAttempts++;
                }
                outcomes.failure(e);
                if (e.requestSent() && !repeatable) {
                    // This attempt may have landed: say so, whatever an earlier attempt answered.
                    throw e;
                }
                if (!settings.conditions().retryable(e.kind())) {
                    return outcomes.last();
                }
                retryAfterNanos = 0;
            }
            // Attempts that never reached the upstream (refused, not executed) cost it nothing: only
            // sent ones spend maxAttempts and the budget; the deadline and the backoff bound the rest.
            if (sentAttempts >= settings.maxAttempts() || attempt >= MAX_UNSENT_FACTOR * settings.maxAttempts()) {
                return outcomes.last();
            }
            if (overall.expired()) {
                return outcomes.timedOut(attempt);
            }
            long wait = Math.max(settings.backoff().delayNanos(attempt, ports.random()), retryAfterNanos);
            if (!holdWrites && ports.health().failing()) {
                // The group is failing (an outage, a burst): wait for it to recover, probing it, rather
                // than spend the remaining attempts on it. Writes have their own bound (holdWritesMs).
                if (!ports.health().awaitRecovery(overall)) {
                    return outcomes.timedOut(attempt);
                }
                wait = retryAfterNanos;
            }
            if (System.nanoTime() + wait - overall.nanos() >= 0) {
                return outcomes.last(); // the wait would end at or past the deadline
            }
            if (sent && !ports.budget().tryAcquire()) {
                ports.listener().budgetRefused();
                return outcomes.last();
            }
            ports.listener().retry();
            if (wait > 0) {
                ports.sleeper().sleep(wait);
            }
        }
    }

    private Deadline perTry(Deadline overall) {
        return settings.perTryNanos() > 0
                ? overall.earliest(new Deadline(System.nanoTime() + settings.perTryNanos()))
                : overall;
    }

    /** True when the group is healthy (at once or after waiting); false when the hold ran out. */
    private boolean holdUntilHealthy(Deadline overall, Outcomes outcomes) throws InterruptedException {
        if (!ports.health().failing()) {
            return true;
        }
        if (outcomes.markHeld()) {
            ports.listener().writeHeld();
        }
        Deadline holdUntil = overall.earliest(new Deadline(System.nanoTime() + settings.holdNanos()));
        return ports.health().awaitRecovery(holdUntil);
    }

    /** What the attempts of one exchange produced so far. */
    private static final class Outcomes {
        private ProxyResponse lastResponse;
        private UpstreamException lastFailure;
        private boolean anySent;
        private boolean held;

        void response(ProxyResponse response) {
            lastResponse = response;
            anySent = true;
        }

        void failure(UpstreamException failure) {
            lastFailure = failure;
            anySent |= failure.requestSent();
        }

        /** True the first time only, so a write is counted as held once however often it waits. */
        boolean markHeld() {
            boolean first = !held;
            held = true;
            return first;
        }

        /**
         * The last response when any attempt got one (an upstream answer beats a missing one), else the
         * last failure, marked as sent when an earlier attempt was, so no layer above mistakes a write
         * that may have landed for one that provably did not.
         */
        ProxyResponse last() throws UpstreamException {
            if (lastResponse != null) {
                return lastResponse;
            }
            if (anySent && !lastFailure.requestSent()) {
                throw new UpstreamException(
                        lastFailure.kind(),
                        true,
                        lastFailure.getMessage() + "; an earlier attempt was sent",
                        lastFailure);
            }
            throw lastFailure;
        }

        ProxyResponse timedOut(int attempts) throws UpstreamException {
            if (lastResponse != null) {
                return lastResponse;
            }
            throw new UpstreamException(
                    Kind.TIMEOUT, anySent, "deadline passed after " + attempts + " attempt(s)", lastFailure);
        }

        ProxyResponse heldAndNotSent(long holdMillis) throws UpstreamException {
            if (lastResponse != null || lastFailure != null) {
                return last();
            }
            throw new UpstreamException(
                    Kind.NOT_SENT,
                    false,
                    "target group failing; write held up to " + holdMillis + " ms and not sent",
                    null);
        }
    }
}
