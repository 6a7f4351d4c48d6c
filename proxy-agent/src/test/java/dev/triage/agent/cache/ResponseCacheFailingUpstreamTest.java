package dev.triage.agent.cache;

import static dev.triage.agent.cache.CacheFixture.body;
import static dev.triage.agent.cache.CacheFixture.get;
import static dev.triage.agent.cache.CacheFixture.policy;
import static dev.triage.agent.cache.CacheFixture.xCache;
import static dev.triage.agent.cache.FakeUpstream.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Exchange;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** While the target group is known to be failing, stale-if-error copies are served without waiting. */
class ResponseCacheFailingUpstreamTest {

    private final CacheFixture fixture = new CacheFixture();
    private final FakeUpstream upstream = fixture.upstream;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread testThread = Thread.currentThread();

    @Test
    void staleServedImmediatelyWhileUpstreamFailing() throws Exception {
        Exchange route = fixture.route(policy(10_000, 5_000, 60_000), failing::get);
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(20)); // past freshness and stale-while-revalidate
        failing.set(true);
        upstream.replying(this::blockedOffTheRequestPath);

        ProxyResponse first = get(route, "/hospitals");
        ProxyResponse second = get(route, "/hospitals");

        assertThat(upstream.calls())
                .as("the upstream is not called on the request path")
                .isEqualTo(1);
        assertThat(first.status()).isEqualTo(200);
        assertThat(xCache(first)).isEqualTo("STALE");
        assertThat(body(first)).isEqualTo("v1");
        assertThat(xCache(second)).isEqualTo("STALE");
        assertThat(fixture.listener.stale).hasValue(2);
        assertThat(fixture.background)
                .as("one refresh, however many stale answers")
                .hasSize(1);

        release.countDown();
        assertThat(fixture.runBackground()).isEqualTo(1);
        ProxyResponse refreshed = get(route, "/hospitals");

        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(xCache(refreshed)).isEqualTo("HIT");
        assertThat(body(refreshed)).isEqualTo("v2");
    }

    @Test
    void notWhenHealthy() throws Exception {
        Exchange route = fixture.route(policy(10_000, 5_000, 60_000), failing::get);
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(20));

        ProxyResponse response = get(route, "/hospitals");

        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(xCache(response)).isEqualTo("MISS");
        assertThat(body(response)).isEqualTo("v2");
        assertThat(fixture.background).isEmpty();
        assertThat(fixture.listener.stale).hasValue(0);
    }

    @Test
    void notBeyondStaleIfErrorNorWhenTheClientAsksForNoCache() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 60_000), failing::get);
        get(route, "/hospitals");
        get(route, "/patients");
        fixture.advance(Duration.ofSeconds(20));
        failing.set(true);
        upstream.replying((request, call) -> FakeUpstream.status(503));

        ProxyResponse noCache = get(route, "/hospitals", "Cache-Control", "no-cache");
        fixture.advance(Duration.ofSeconds(60)); // past stale-if-error
        ProxyResponse expired = get(route, "/patients");

        assertThat(noCache.status()).isEqualTo(503);
        assertThat(expired.status()).isEqualTo(503);
        assertThat(xCache(expired)).isEqualTo("MISS");
        assertThat(upstream.calls()).isEqualTo(4);
        assertThat(fixture.background).isEmpty();
    }

    @Test
    void threeArgumentDecorateNeverConsidersTheUpstreamFailing() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 60_000));
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(20));
        upstream.replying((request, call) -> FakeUpstream.status(503));

        ProxyResponse response = get(route, "/hospitals");

        assertThat(upstream.calls()).as("asked the upstream, then fell back").isEqualTo(2);
        assertThat(xCache(response)).isEqualTo("STALE");
    }

    /** Fails the test's thread rather than answering it; answers the background refresh once released. */
    private ProxyResponse blockedOffTheRequestPath(ProxyRequest request, int call) throws InterruptedException {
        if (Thread.currentThread() == testThread && release.getCount() > 0) {
            throw new AssertionError("upstream called on the request path while it is known failing");
        }
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the upstream");
        }
        return ok("v" + call);
    }
}
