package dev.triage.agent.retry;

import static dev.triage.agent.retry.RetryHarness.get;
import static dev.triage.agent.retry.RetryHarness.later;
import static dev.triage.agent.retry.ScriptedExchange.fail;
import static dev.triage.agent.retry.ScriptedExchange.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.upstream.UpstreamException;
import dev.triage.agent.upstream.UpstreamException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryConditionsTest {

    private final RetryHarness harness = new RetryHarness();

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void retriesGetOnRetryableStatus(int status) throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(status), respond(200));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(harness.listener.retries).hasValue(1);
    }

    @Test
    void doesNotRetry500UnlessOptedIn() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(500));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(500);
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(harness.listener.retries).hasValue(0);
    }

    @Test
    void retries500WhenOptedIn() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(500), respond(200));
        RetryPolicy policy = PolicyBuilder.retry().retryOn("500").build();

        var response = harness.retrying(policy, upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 404, 429, 501})
    void returnsOtherStatusesAsTheyAre(int status) throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(status));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(status);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"CONNECT_FAILURE", "RESET", "PROTOCOL_ERROR", "TIMEOUT", "NOT_SENT"})
    void retriesGetOnFailure(Kind kind) throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(fail(kind), respond(200));

        var response = harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void doesNotRetryAResponseTooLarge() {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.RESPONSE_TOO_LARGE));

        assertThatThrownBy(() -> harness.retrying(PolicyBuilder.retry().build(), upstream)
                        .exchange(get(), later()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE));
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"CONNECT_FAILURE", "RESET", "PROTOCOL_ERROR", "TIMEOUT"})
    void doesNotRetryFailuresRetryOnLeavesOut(Kind kind) {
        ScriptedExchange upstream = ScriptedExchange.of(fail(kind));
        RetryPolicy policy = PolicyBuilder.retry().retryOn("503").build();

        assertThatThrownBy(() -> harness.retrying(policy, upstream).exchange(get(), later()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void retriesNotSentEvenWhenRetryOnLeavesEverythingOut() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.NOT_SENT), respond(200));
        RetryPolicy policy = PolicyBuilder.retry().retryOn().build();

        assertThat(harness.retrying(policy, upstream).exchange(get(), later()).status())
                .isEqualTo(200);
    }

    @Test
    void returnsTheLastResponseWhenAttemptsRunOut() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503), respond(502), fail(Kind.RESET, true));

        var response = harness.retrying(PolicyBuilder.retry().maxAttempts(3).build(), upstream)
                .exchange(get(), later());

        assertThat(response.status()).isEqualTo(502);
        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(harness.listener.retries).hasValue(2);
    }

    @Test
    void throwsTheLastFailureWhenNoAttemptGotAResponse() {
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.RESET), fail(Kind.TIMEOUT));

        assertThatThrownBy(() -> harness.retrying(
                                PolicyBuilder.retry().maxAttempts(2).build(), upstream)
                        .exchange(get(), later()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void countsEachRequestOnceInTheBudget() throws Exception {
        ScriptedExchange upstream = ScriptedExchange.of(respond(503), respond(503), respond(200));

        harness.retrying(PolicyBuilder.retry().build(), upstream).exchange(get(), later());

        assertThat(harness.budget.requestsInWindow()).isEqualTo(1);
        assertThat(harness.budget.retriesInWindow()).isEqualTo(2);
    }

    @Test
    void rejectsAPolicyWithEveryProblemNamed() {
        RetryPolicy policy = new RetryPolicy(0, -1, 0, 10, 10, java.util.List.of("418"), true, null, null, false, 0);

        assertThatThrownBy(() -> harness.retrying(policy, ScriptedExchange.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts: 0 (expected: >= 1)")
                .hasMessageContaining("perTryTimeoutMs: -1 (expected: >= 0)")
                .hasMessageContaining("retryOn: 418");
    }
}
