package dev.triage.agent.retry;

import static dev.triage.agent.retry.RetryHarness.get;
import static dev.triage.agent.retry.RetryHarness.later;
import static dev.triage.agent.retry.ScriptedExchange.fail;
import static dev.triage.agent.retry.ScriptedExchange.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryWaitsTest {

    private final RetryHarness harness = new RetryHarness();

    @Test
    void backoffDoublesEachRetryUpToTheCap() throws Exception {
        ScriptedExchange upstream =
                ScriptedExchange.of(respond(503), respond(503), respond(503), respond(503), respond(503), respond(200));
        RetryPolicy policy =
                PolicyBuilder.retry().maxAttempts(6).backoff(100, 500).build();

        harness.retrying(policy, upstream).exchange(get(), later());

        assertThat(harness.sleeper.millis()).containsExactly(100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void fullJitterDrawsEachWaitBetweenZeroAndItsCap() throws Exception {
        harness.random = new SplittableRandom(7);
        ScriptedExchange upstream = ScriptedExchange.of(
                respond(503), respond(503), respond(503), respond(503), respond(503), respond(503), respond(200));
        RetryPolicy policy =
                PolicyBuilder.retry().maxAttempts(7).backoff(100, 800).build();

        harness.retrying(policy, upstream).exchange(get(), later());

        long[] capsNanos = {100, 200, 400, 800, 800, 800};
        assertThat(harness.sleeper.nanos()).hasSize(6);
        for (int i = 0; i < capsNanos.length; i++) {
            assertThat(harness.sleeper.nanos().get(i)).isBetween(0L, capsNanos[i] * 1_000_000L);
        }
        // Full jitter, not "cap plus a little": the draws spread well below their caps.
        assertThat(harness.sleeper.nanos().stream()
                        .filter(n -> n < 400 * 1_000_000L)
                        .count())
                .isGreaterThanOrEqualTo(2);
        assertThat(harness.sleeper.nanos()).doesNotHaveDuplicates();
    }

    @Test
    void honoursRetryAfterInSeconds() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503, "Retry-After", "3"), respond(200));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(200);
        assertThat(harness.sleeper.millis()).containsExactly(3_000L);
    }

    @Test
    void honoursRetryAfterAsHttpDate() throws Exception {
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                RetryHarness.NOW.plusSeconds(7).atZone(java.time.ZoneOffset.UTC));
        ScriptedExchange upstream = ScriptedExchange.of(respond(503, "Retry-After", inSevenSeconds), respond(200));

        harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(harness.sleeper.millis()).containsExactly(7_000L);
    }

    @Test
    void waitsTheBackoffWhenItIsLongerThanRetryAfter() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503, "Retry-After", "1"), respond(200));
        RetryPolicy policy = PolicyBuilder.retry().backoff(2_000, 2_000).build();

        harness.retrying(policy, upstream).exchange(get(), later());

        assertThat(harness.sleeper.millis()).containsExactly(2_000L);
    }

    @Test
    void ignoresRetryAfterWhenThePolicySaysSo() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503, "Retry-After", "30"), respond(200));
        RetryPolicy policy =
                PolicyBuilder.retry().honourRetryAfter(false).backoff(10, 10).build();

        harness.retrying(policy, upstream).exchange(get(), later());

        assertThat(harness.sleeper.millis()).containsExactly(10L);
    }

    @Test
    void returnsTheResponseWhenRetryAfterDoesNotFitBeforeTheDeadline() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503, "Retry-After", "120"));
        RetryPolicy policy = PolicyBuilder.retry().deadlineMs(60_000).build();

        var response = harness.retrying(policy, upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(503);
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(harness.sleeper.nanos()).isEmpty();
        assertThat(harness.listener.retries).hasValue(0);
    }

    @Test
    void neverWaitsPastTheCallersDeadline() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.RESET));
        RetryPolicy policy = PolicyBuilder.retry().backoff(120_000, 120_000).build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(get(), Deadline.afterMillis(60_000)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RESET));
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(harness.sleeper.nanos()).isEmpty();
    }

    @Test
    void failsTimeoutUnsentWhenTheDeadlineHasAlreadyPassed() {
        ScriptedExchange upstream = ScriptedExchange.of();

        assertThatThrownBy(() -> harness.retrying(PolicyBuilder.retry().build(), upstream)
                        .exchange(get(), new Deadline(System.nanoTime() - 1)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.requestSent()).isFalse();
                });
        assertThat(upstream.calls()).isZero();
    }

    @Test
    void stopsAtTheDeadlineAndFailsTimeoutMarkedSent() {
        ScriptedExchange upstream = ScriptedExchange.of((request, deadline) -> {
            await().atMost(Duration.ofSeconds(10)).until(deadline::expired);
            throw new UpstreamException(Kind.RESET, "reset at the deadline", null);
        });
        RetryPolicy policy = PolicyBuilder.retry().deadlineMs(30).build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(get(), later()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.requestSent()).isTrue();
                });
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void boundsEachAttemptByThePerTryTimeoutWithinTheOverallDeadline() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.TIMEOUT), respond(200));
        RetryPolicy policy =
                PolicyBuilder.retry().perTryTimeoutMs(100).deadlineMs(60_000).build();
        Deadline callers = Deadline.afterMillis(600_000);

        long before = System.nanoTime();
        harness.retrying(policy, upstream).exchange(get(), callers);
        long after = System.nanoTime();

        assertThat(upstream.deadlines())
                .hasSize(2)
                .allSatisfy(
                        perTry -> assertThat(perTry.nanos()).isBetween(before + 100_000_000L, after + 100_000_000L));
    }

    @Test
    void givesTheLastAttemptNoMoreThanTheCallersDeadline() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(200));
        RetryPolicy policy = PolicyBuilder.retry().perTryTimeoutMs(60_000).build();
        Deadline callers = Deadline.afterMillis(5_000);

        harness.retrying(policy, upstream).exchange(get(), callers);

        assertThat(upstream.deadlines()).containsExactly(callers);
    }
}
