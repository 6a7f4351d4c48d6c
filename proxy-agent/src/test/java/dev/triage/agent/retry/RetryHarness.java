package dev.triage.agent.retry;

import dev.triage.agent.api.config.RetryPolicy;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.TargetGroupHealth;
import java.time.Instant;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/** The collaborators a retry test wires around a scripted upstream. */
final class RetryHarness {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** Always draws the top of the range, so full-jitter waits equal their cap. */
    static final RandomGenerator TOP_OF_RANGE = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws expected");
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    final FakeClock clock = new FakeClock();
    final CountingListener listener = new CountingListener();
    final RecordingSleeper sleeper = new RecordingSleeper();
    RetryBudget budget = new RetryBudget(new RetryPolicy.Budget(1.0, 100), clock);
    TargetGroupHealth health = TargetGroupHealth.ALWAYS_HEALTHY;
    RandomGenerator random = TOP_OF_RANGE;

    Exchange retrying(RetryPolicy policy, Exchange next) {
        return Retry.decorate(policy, next, budget, health, listener, random, sleeper, InstantSource.fixed(NOW));
    }

    static Deadline later() {
        return Deadline.afterMillis(600_000);
    }

    static ProxyRequest get() {
        return request("GET", Headers.EMPTY);
    }

    static ProxyRequest post() {
        return request("POST", Headers.EMPTY);
    }

    static ProxyRequest postWithKey() {
        return request("POST", Headers.of("Idempotency-Key", "note-42"));
    }

    static ProxyRequest request(String method, Headers headers) {
        return new ProxyRequest(method, "/notes", null, headers, new byte[0], "127.0.0.1", "req-1");
    }
}
