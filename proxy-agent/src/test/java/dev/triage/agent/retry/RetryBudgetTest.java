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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void allowsTheFloorEverySecondWithoutTraffic() {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(0.0, 2), clock);

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        clock.advanceMillis(1_000);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void doesNotSaveUpTheFloorOverQuietSeconds() {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(0.0, 2), clock);

        clock.advanceMillis(9_000);

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void allowsRetriesAsAShareOfRequestsInTheWindow() {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(0.5, 0), clock);
        for (int i = 0; i < 10; i++) {
            budget.recordRequest();
        }

        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryAcquire()).as("retry %d", i + 1).isTrue();
        }
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void countsRetriesAgainstRequestsAcrossTheWholeWindow() {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(0.5, 0), clock);
        for (int i = 0; i < 4; i++) {
            budget.recordRequest();
        }
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();

        clock.advanceMillis(5_000); // same window: the 4 requests and 2 retries still count
        assertThat(budget.tryAcquire()).isFalse();
        budget.recordRequest();
        budget.recordRequest();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void forgetsRequestsAndRetriesOlderThanTenSeconds() {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(0.5, 0), clock);
        for (int i = 0; i < 4; i++) {
            budget.recordRequest();
        }
        assertThat(budget.tryAcquire()).isTrue();

        clock.advanceMillis(10_000);

        assertThat(budget.requestsInWindow()).isZero();
        assertThat(budget.retriesInWindow()).isZero();
        assertThat(budget.tryAcquire()).isFalse();
        budget.recordRequest();
        budget.recordRequest();
        assertThat(budget.tryAcquire()).isTrue();
    }

    @Test
    void slidesOneSecondAtATime() {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(1.0, 0), clock);
        budget.recordRequest(); // second 0
        clock.advanceMillis(5_000);
        budget.recordRequest(); // second 5
        clock.advanceMillis(4_999); // still second 9: both count

        assertThat(budget.requestsInWindow()).isEqualTo(2);
        clock.advanceMillis(1); // second 10: the first has left the window
        assertThat(budget.requestsInWindow()).isEqualTo(1);
    }

    @Test
    void neverLetsConcurrentRetriesPastTheFloor() throws Exception {
        RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(0.0, 50), clock);
        List<Future<Integer>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            for (int w = 0; w < 4; w++) {
                workers.add(executor.submit(() -> {
                    int taken = 0;
                    for (int i = 0; i < 100; i++) {
                        taken += budget.tryAcquire() ? 1 : 0;
                    }
                    return taken;
                }));
            }
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get();
            }
            assertThat(total).isEqualTo(50);
        }
    }

    @Test
    void retriesGetOn503UntilBudgetIsSpent() throws Exception {
        RetryHarness harness = new RetryHarness();
        harness.budget = new RetryBudget(new RetryPolicy.Budget(0.0, 1), harness.clock);
        ScriptedExchange upstream = ScriptedExchange.of(respond(503), respond(503));
        RetryPolicy policy = PolicyBuilder.retry().maxAttempts(5).build();

        var response = harness.retrying(policy, upstream).exchange(get(), later());

        assertThat(response.status()).isEqualTo(503);
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(harness.listener.retries).hasValue(1);
        assertThat(harness.listener.budgetRefusals).hasValue(1);
    }

    @Test
    void rethrowsTheLastFailureWhenTheBudgetRefuses() {
        RetryHarness harness = new RetryHarness();
        harness.budget = new RetryBudget(new RetryPolicy.Budget(0.0, 0), harness.clock);
        ScriptedExchange upstream = ScriptedExchange.of(fail(Kind.RESET));

        assertThatThrownBy(() -> harness.retrying(PolicyBuilder.retry().build(), upstream)
                        .exchange(get(), later()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RESET));
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(harness.listener.budgetRefusals).hasValue(1);
        assertThat(harness.sleeper.nanos()).isEmpty();
    }

    @Test
    void rejectsANegativeRatio() {
        assertThatThrownBy(() -> new RetryBudget(new RetryPolicy.Budget(-0.1, 10), clock))
                .hasMessage("budget.ratio: -0.1 (expected: >= 0)");
    }
}
