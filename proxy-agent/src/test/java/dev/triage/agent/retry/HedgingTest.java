package dev.triage.agent.retry;

import static dev.triage.agent.retry.RetryHarness.get;
import static dev.triage.agent.retry.RetryHarness.later;
import static dev.triage.agent.retry.RetryHarness.post;
import static dev.triage.agent.retry.ScriptedExchange.after;
import static dev.triage.agent.retry.ScriptedExchange.fail;
import static dev.triage.agent.retry.ScriptedExchange.hangUntilInterrupted;
import static dev.triage.agent.retry.ScriptedExchange.respond;
import static dev.triage.agent.retry.ScriptedExchange.respondWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.HedgePolicy;
import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HedgingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final FakeClock clock = new FakeClock();
    private final CountingListener listener = new CountingListener();
    private RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(1.0, 100), clock);

    @AfterEach
    void stopThreads() {
        callers.shutdownNow();
        attempts.shutdownNow();
    }

    private Exchange hedging(int delayMs, int maxHedges, Exchange next) {
        return Hedging.decorate(new HedgePolicy(delayMs, maxHedges), next, budget, listener, attempts);
    }

    @Test
    void hedgeFiresAfterTheDelayAndTheFirstGoodAnswerWinsAndTheLoserIsCancelled() throws Exception {
        CountDownLatch firstInterrupted = new CountDownLatch(1);
        ScriptedExchange upstream =
                ScriptedExchange.of(hangUntilInterrupted(firstInterrupted), respondWith(200, "from the hedge"));

        ProxyResponse response = hedging(1, 1, upstream).exchange(get(), later());

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("from the hedge");
        assertThat(listener.hedges).hasValue(1);
        assertThat(firstInterrupted.await(10, TimeUnit.SECONDS))
                .as("first attempt cancelled")
                .isTrue();
    }

    @Test
    void firstAttemptWinsWhenItAnswersBeforeTheHedgeIsDue() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(200));

        ProxyResponse response = hedging(60_000, 1, upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(listener.hedges).hasValue(0);
        assertThat(upstream.threads().getFirst()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aServerErrorDoesNotWinWhileAnotherAttemptMayStillAnswerWell() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseHedge = new CountDownLatch(1);
        ScriptedExchange upstream =
                ScriptedExchange.of(after(releaseFirst, respond(503)), after(releaseHedge, respondWith(200, "hedge")));

        Future<ProxyResponse> result =
                callers.submit(() -> hedging(1, 1, upstream).exchange(get(), later()));
        await().atMost(PATIENCE).until(() -> upstream.calls() == 2);
        releaseFirst.countDown();
        releaseHedge.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void returnsTheServerErrorOverAFailureWhenEveryAttemptFails() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseHedge = new CountDownLatch(1);
        ScriptedExchange upstream =
                ScriptedExchange.of(after(releaseFirst, respond(503)), after(releaseHedge, fail(Kind.RESET)));

        Future<ProxyResponse> result =
                callers.submit(() -> hedging(1, 1, upstream).exchange(get(), later()));
        await().atMost(PATIENCE).until(() -> upstream.calls() == 2);
        releaseFirst.countDown();
        releaseHedge.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
    }

    @Test
    void throwsTheLastFailureWhenEveryAttemptFailsWithoutAResponse() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseHedge = new CountDownLatch(1);
        ScriptedExchange upstream =
                ScriptedExchange.of(after(releaseFirst, fail(Kind.RESET)), after(releaseHedge, fail(Kind.TIMEOUT)));

        Future<ProxyResponse> result =
                callers.submit(() -> hedging(1, 1, upstream).exchange(get(), later()));
        await().atMost(PATIENCE).until(() -> upstream.calls() == 2);
        releaseFirst.countDown();
        releaseHedge.countDown();

        // Which failure lands last is up to the scheduler; either way no response exists to return.
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isIn(Kind.RESET, Kind.TIMEOUT));
    }

    @Test
    void aFastFailureIsReturnedWithoutHedging() {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.CONNECT_FAILURE));

        assertThatThrownBy(() -> hedging(60_000, 1, upstream).exchange(get(), later()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILURE));
        assertThat(listener.hedges).hasValue(0);
    }

    @Test
    void doesNotHedgePost() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(201));

        ProxyResponse response = hedging(0, 1, upstream).exchange(post(), later());

        assertThat(response.status()).isEqualTo(201);
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(upstream.threads()).containsExactly(Thread.currentThread());
        assertThat(listener.hedges).hasValue(0);
    }

    @Test
    void doesNotHedgeWhenTheBudgetRefuses() throws Exception {
        budget = new RetryBudget(new RetryPolicy.Budget(0.0, 0), clock);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ScriptedExchange upstream = ScriptedExchange.of(after(releaseFirst, respond(200)));

        Future<ProxyResponse> result =
                callers.submit(() -> hedging(1, 1, upstream).exchange(get(), later()));
        await().atMost(PATIENCE).until(() -> listener.budgetRefusals.get() == 1);
        releaseFirst.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(listener.hedges).hasValue(0);
    }

    @Test
    void startsNoMoreThanMaxHedges() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedExchange upstream = ScriptedExchange.of(
                after(release, respond(503)), after(release, respond(503)), after(release, respondWith(200, "2nd")));

        Future<ProxyResponse> result =
                callers.submit(() -> hedging(1, 2, upstream).exchange(get(), later()));
        await().atMost(PATIENCE).until(() -> listener.hedges.get() == 2);
        release.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(3); // a 4th call would have failed the script
    }

    @Test
    void stopsAtTheDeadlineWithTimeoutAndCancelsTheAttempt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ScriptedExchange upstream = ScriptedExchange.of(hangUntilInterrupted(interrupted));

        assertThatThrownBy(() -> hedging(60_000, 1, upstream).exchange(get(), Deadline.afterMillis(30)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.hedges)
                .as("a hedge due after the deadline never starts")
                .hasValue(0);
    }

    @Test
    void cancelsTheAttemptsWhenTheCallerIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ScriptedExchange upstream = ScriptedExchange.of(hangUntilInterrupted(interrupted));

        Future<ProxyResponse> result =
                callers.submit(() -> hedging(60_000, 1, upstream).exchange(get(), later()));
        await().atMost(PATIENCE).until(() -> upstream.calls() == 1);
        result.cancel(true);

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
