package dev.triage.agent.retry;

import static dev.triage.agent.retry.RetryHarness.get;
import static dev.triage.agent.retry.RetryHarness.later;
import static dev.triage.agent.retry.RetryHarness.post;
import static dev.triage.agent.retry.RetryHarness.postWithKey;
import static dev.triage.agent.retry.ScriptedExchange.fail;
import static dev.triage.agent.retry.ScriptedExchange.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.TargetGroupHealth;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryWritesTest {

    private final RetryHarness harness = new RetryHarness();

    @Test
    void doesNotRetryPostAfter503() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(post(), later());

        assertThat(response.status()).isEqualTo(503);
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(harness.listener.retries).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESET", "TIMEOUT", "PROTOCOL_ERROR"})
    void doesNotRetryPostAfterAFailureOnceSent(String kindName) {
        Kind kind = Kind.valueOf(kindName);
        ScriptedExchange upstream = ScriptedExchange.of(fail(kind, true));

        assertThatThrownBy(() -> harness.retrying(PolicyBuilder.retry().build(), upstream)
                        .exchange(post(), later()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.requestSent()).isTrue();
                });
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void retriesPostAfterAConnectFailureBecauseItWasNotSent() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.CONNECT_FAILURE), respond(201));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(post(), later());

        assertThat(response.status()).isEqualTo(201);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void retriesPatchAfterAResetTheAttemptProvedUnsent() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.RESET, false), respond(200));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream)
                .exchange(RetryHarness.request("PATCH", Headers.EMPTY), later());

        assertThat(response.status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void doesNotRetryPostWithIdempotencyKeyWhenTheUpstreamDoesNotHonourIt() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503));
        RetryPolicy policy =
                PolicyBuilder.retry().upstreamHonoursIdempotencyKey(false).build();

        var response = harness.retrying(policy, upstream).exchange(postWithKey(), later());

        assertThat(response.status()).isEqualTo(503);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void retriesPostWithIdempotencyKeyWhenTheUpstreamHonoursIt() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503), fail(Kind.TIMEOUT, true), respond(201));
        RetryPolicy policy =
                PolicyBuilder.retry().upstreamHonoursIdempotencyKey(true).build();

        var response = harness.retrying(policy, upstream).exchange(postWithKey(), later());

        assertThat(response.status()).isEqualTo(201);
        assertThat(upstream.calls()).isEqualTo(3);
    }

    @Test
    void doesNotRetryPostWithoutTheKeyEvenWhenTheUpstreamWouldHonourIt() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503));
        RetryPolicy policy =
                PolicyBuilder.retry().upstreamHonoursIdempotencyKey(true).build();

        assertThat(harness.retrying(policy, upstream).exchange(post(), later()).status())
                .isEqualTo(503);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void attemptsThatNeverReachedTheUpstreamDoNotSpendMaxAttemptsNorTheBudget() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(
                fail(Kind.CONNECT_FAILURE), fail(Kind.CONNECT_FAILURE), fail(Kind.CONNECT_FAILURE), respond(201));
        RetryPolicy policy = PolicyBuilder.retry().maxAttempts(2).build();

        var response = harness.retrying(policy, upstream).exchange(post(), later());

        assertThat(response.status()).isEqualTo(201);
        assertThat(upstream.calls()).isEqualTo(4);
        assertThat(harness.listener.budgetRefusals).hasValue(0);
    }

    @Test
    void marksTheFinalFailureSentWhenAnEarlierAttemptWasSent() {
        // One sent attempt, then refusals until the bound on attempts in all (unsent ones included).
        ScriptedExchange.Step[] script = new ScriptedExchange.Step[RetryingExchange.MAX_UNSENT_FACTOR * 2];
        script[0] = fail(Kind.RESET, true);
        java.util.Arrays.fill(script, 1, script.length, fail(Kind.CONNECT_FAILURE));
        ScriptedExchange upstream = ScriptedExchange.of(script);
        RetryPolicy policy = PolicyBuilder.retry()
                .maxAttempts(2)
                .upstreamHonoursIdempotencyKey(true)
                .build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(postWithKey(), later()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILURE);
                    assertThat(e.requestSent()).isTrue();
                });
    }

    @Test
    void retriesPostAnsweredWithAStatusTheUpstreamDocumentsAsNotProcessed() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503), respond(201));
        RetryPolicy policy = PolicyBuilder.retry().notProcessedStatuses("503").build();

        var response = harness.retrying(policy, upstream).exchange(post(), later());

        assertThat(response.status()).isEqualTo(201);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void doesNotRetryPostOnAStatusOutsideTheNotProcessedContract() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(502));
        RetryPolicy policy = PolicyBuilder.retry().notProcessedStatuses("503").build();

        var response = harness.retrying(policy, upstream).exchange(post(), later());

        assertThat(response.status()).isEqualTo(502);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void reportsAWritesLastAmbiguousFailureOverAnEarlierNotProcessedAnswer() {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503), fail(Kind.RESET, true));
        RetryPolicy policy = PolicyBuilder.retry().notProcessedStatuses("503").build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(post(), later()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RESET);
                    assertThat(e.requestSent()).isTrue();
                });
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void aReadRetryWaitsForAFailingGroupToRecoverInsteadOfSpendingItsAttempts() throws Exception {
        BlockingHealth health = new BlockingHealth();
        health.failing.set(false);
        harness.health = health;
        ScriptedExchange upstream = ScriptedExchange.of(
                (request, deadline) -> {
                    health.failing.set(true); // the refused connection was the first sign of an outage
                    throw new UpstreamException(Kind.CONNECT_FAILURE, "refused", null);
                },
                respond(200));
        RetryPolicy policy = PolicyBuilder.retry().maxAttempts(2).build();

        CompletableFuture<ProxyResponse> read = CompletableFuture.supplyAsync(() -> {
            try {
                return harness.retrying(policy, upstream).exchange(get(), later());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !health.waits.isEmpty());
        assertThat(upstream.calls()).isEqualTo(1);

        health.recover();

        assertThat(read.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(harness.sleeper.nanos()).isEmpty();
    }

    @Test
    void holdsAWriteWhileTheGroupFailsThenSendsItAfterRecovery() throws Exception {
        BlockingHealth health = new BlockingHealth();
        harness.health = health;
        ScriptedExchange upstream = ScriptedExchange.of(respond(201));
        RetryPolicy policy = PolicyBuilder.retry().holdWritesMs(5_000).build();

        long before = System.nanoTime();
        CompletableFuture<ProxyResponse> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return harness.retrying(policy, upstream).exchange(post(), later());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !health.waits.isEmpty());
        assertThat(upstream.calls()).isZero();
        assertThat(harness.listener.writesHeld).hasValue(1);

        health.recover();

        assertThat(sent.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        long after = System.nanoTime();
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(health.waits.getFirst().nanos()).isBetween(before + 5_000_000_000L, after + 5_000_000_000L);
    }

    @Test
    void failsAWriteNotSentWhenTheGroupDoesNotRecoverWithinTheHold() {
        BlockingHealth health = new BlockingHealth(); // never recovers: the hold runs out
        harness.health = health;
        ScriptedExchange upstream = ScriptedExchange.of();
        RetryPolicy policy = PolicyBuilder.retry().holdWritesMs(50).build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(post(), later()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_SENT);
                    assertThat(e.requestSent()).isFalse();
                    assertThat(e).hasMessageContaining("write held");
                });
        assertThat(upstream.calls()).isZero();
        assertThat(harness.listener.writesHeld).hasValue(1);
    }

    @Test
    void endsWithTheLastFailureWhenARetriedWriteIsHeldAndTheGroupDoesNotRecover() {
        BlockingHealth health = new BlockingHealth();
        health.failing.set(false);
        harness.health = health;
        ScriptedExchange upstream = ScriptedExchange.of((request, deadline) -> {
            health.failing.set(true); // the refused connection was the first sign of an outage
            throw new UpstreamException(Kind.CONNECT_FAILURE, "refused", null);
        });
        RetryPolicy policy = PolicyBuilder.retry().holdWritesMs(20).build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(post(), later()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILURE);
                    assertThat(e.requestSent()).isFalse();
                });
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(health.waits).hasSize(1);
    }

    @Test
    void doesNotHoldReads() throws Exception {
        BlockingHealth health = new BlockingHealth();
        harness.health = health;
        ScriptedExchange upstream = ScriptedExchange.of(respond(200));
        RetryPolicy policy = PolicyBuilder.retry().holdWritesMs(5_000).build();

        assertThat(harness.retrying(policy, upstream).exchange(get(), later()).status())
                .isEqualTo(200);
        assertThat(health.waits).isEmpty();
        assertThat(harness.listener.writesHeld).hasValue(0);
    }

    /** A group that fails until the test says it recovered; waits block for real, bounded by the deadline. */
    private static final class BlockingHealth implements TargetGroupHealth {
        final List<Deadline> waits = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean(true);
        private final CountDownLatch recovered = new CountDownLatch(1);

        @Override
        public boolean failing() {
            return failing.get();
        }

        @Override
        public boolean awaitRecovery(Deadline deadline) throws InterruptedException {
            waits.add(deadline);
            return recovered.await(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        }

        void recover() {
            failing.set(false);
            recovered.countDown();
        }
    }
}
