package dev.triage.agent.cache;

import static dev.triage.agent.cache.CacheFixture.body;
import static dev.triage.agent.cache.CacheFixture.get;
import static dev.triage.agent.cache.CacheFixture.policy;
import static dev.triage.agent.cache.CacheFixture.xCache;
import static dev.triage.agent.cache.FakeUpstream.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResponseCacheSingleFlightTest {

    private static final int CALLERS = 50;

    private final CacheFixture fixture = new CacheFixture();
    private final FakeUpstream upstream = fixture.upstream;
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void singleFlightManyConcurrentMissesOneUpstreamRequest() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));
        upstream.replying((request, call) -> {
            awaitRelease();
            return ok("shared #" + call);
        });

        List<ProxyResponse> responses = callConcurrently(route);

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(responses).hasSize(CALLERS).allSatisfy(response -> {
            assertThat(body(response)).isEqualTo("shared #1");
            assertThat(xCache(response)).isEqualTo("MISS");
        });
        assertThat(fixture.listener.misses).hasValue(CALLERS);
        assertThat(xCache(get(route, "/hospitals"))).isEqualTo("HIT");
    }

    @Test
    void followersOfAFailedFlightGetTheSameFailure() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));
        upstream.replying((request, call) -> {
            awaitRelease();
            throw new UpstreamException(UpstreamException.Kind.RESET, "reset by peer", null);
        });

        List<Throwable> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProxyResponse>> calls = startCallers(threads, route);
            for (Future<ProxyResponse> call : calls) {
                try {
                    call.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        }

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(failures)
                .hasSize(CALLERS)
                .allSatisfy(failure -> assertThat(failure)
                        .isInstanceOfSatisfying(
                                UpstreamException.class,
                                e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.RESET)));
    }

    @Test
    void followersOfAFailedFlightGetTheStaleCopy() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 60_000));
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(20));
        upstream.replying((request, call) -> {
            awaitRelease();
            return FakeUpstream.status(503);
        });

        List<ProxyResponse> responses = callConcurrently(route);

        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(responses).allSatisfy(response -> {
            assertThat(xCache(response)).isEqualTo("STALE");
            assertThat(body(response)).isEqualTo("v1");
        });
    }

    @Test
    void followersNeverReceiveAnAnswerUnfitToShare() throws Exception {
        Exchange route = fixture.route(new CachePolicy(10_000, 0, 0, true, 0));
        upstream.replying((request, call) -> {
            if (call == 3) {
                awaitRelease();
            }
            return ok("for " + request.headers().first("Authorization").orElseThrow(), "Cache-Control", "private");
        });
        // Only credentials the upstream accepted share fetches: let it accept both first.
        get(route, "/me", "Authorization", "alice");
        get(route, "/me", "Authorization", "bob");

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ProxyResponse> alice = threads.submit(() -> get(route, "/me", "Authorization", "alice"));
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.calls() == 3);
            Future<ProxyResponse> bob = threads.submit(() -> get(route, "/me", "Authorization", "bob"));
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.cache.singleFlightWaiters() == 1);
            release.countDown();

            assertThat(body(alice.get(10, TimeUnit.SECONDS))).isEqualTo("for alice");
            assertThat(body(bob.get(10, TimeUnit.SECONDS))).isEqualTo("for bob");
        }
        assertThat(upstream.calls()).isEqualTo(4);
    }

    private List<ProxyResponse> callConcurrently(Exchange route) throws Exception {
        List<ProxyResponse> responses = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ProxyResponse> call : startCallers(threads, route)) {
                responses.add(call.get(10, TimeUnit.SECONDS));
            }
        }
        return responses;
    }

    /** Starts the callers, waits until one is upstream and all the others wait on it, then releases. */
    private List<Future<ProxyResponse>> startCallers(ExecutorService threads, Exchange route) {
        int callsBefore = upstream.calls();
        List<Future<ProxyResponse>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            calls.add(threads.submit(() -> get(route, "/hospitals")));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> upstream.calls() == callsBefore + 1 && fixture.cache.singleFlightWaiters() == CALLERS - 1);
        release.countDown();
        return calls;
    }

    private void awaitRelease() throws InterruptedException {
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the upstream");
        }
    }
}
