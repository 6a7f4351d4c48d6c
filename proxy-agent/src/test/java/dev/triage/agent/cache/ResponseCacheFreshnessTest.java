package dev.triage.agent.cache;

import static dev.triage.agent.cache.CacheFixture.body;
import static dev.triage.agent.cache.CacheFixture.get;
import static dev.triage.agent.cache.CacheFixture.policy;
import static dev.triage.agent.cache.CacheFixture.request;
import static dev.triage.agent.cache.CacheFixture.send;
import static dev.triage.agent.cache.CacheFixture.xCache;
import static dev.triage.agent.cache.FakeUpstream.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponseCacheFreshnessTest {

    private final CacheFixture fixture = new CacheFixture();
    private final FakeUpstream upstream = fixture.upstream;

    @Test
    void hitWithinTtl() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));

        ProxyResponse first = get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(9));
        ProxyResponse second = get(route, "/hospitals");

        assertThat(xCache(first)).isEqualTo("MISS");
        assertThat(xCache(second)).isEqualTo("HIT");
        assertThat(body(second)).isEqualTo("v1");
        assertThat(second.headers().first("Age")).contains("9");
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(fixture.listener.hits).hasValue(1);
        assertThat(fixture.listener.misses).hasValue(1);
        assertThat(fixture.cache.stats())
                .extracting("hits", "misses", "entries")
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void missAfterTtl() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));

        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(10));
        ProxyResponse second = get(route, "/hospitals");

        assertThat(xCache(second)).isEqualTo("MISS");
        assertThat(body(second)).isEqualTo("v2");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void staleWhileRevalidateServesStaleAndRefreshesOnce() throws Exception {
        Exchange route = fixture.route(policy(10_000, 30_000, 0));
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(15));

        ProxyResponse first = get(route, "/hospitals");
        ProxyResponse second = get(route, "/hospitals");

        assertThat(xCache(first)).isEqualTo("STALE");
        assertThat(xCache(second)).isEqualTo("STALE");
        assertThat(body(second)).isEqualTo("v1");
        assertThat(upstream.calls()).as("refresh runs in the background").isEqualTo(1);
        assertThat(fixture.runBackground()).as("one refresh for the key").isEqualTo(1);
        assertThat(upstream.calls()).isEqualTo(2);

        ProxyResponse refreshed = get(route, "/hospitals");
        assertThat(xCache(refreshed)).isEqualTo("HIT");
        assertThat(body(refreshed)).isEqualTo("v2");
        assertThat(fixture.listener.stale).hasValue(2);
    }

    @Test
    void staleWhileRevalidateEndsAfterItsWindow() throws Exception {
        Exchange route = fixture.route(policy(10_000, 30_000, 0));
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(40));

        ProxyResponse late = get(route, "/hospitals");

        assertThat(xCache(late)).isEqualTo("MISS");
        assertThat(body(late)).isEqualTo("v2");
        assertThat(fixture.background).isEmpty();
    }

    @Test
    void staleIfErrorServesLastGoodCopyOn503AndOnTimeout() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 60_000));
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(20));

        upstream.replying((request, call) -> FakeUpstream.status(503));
        ProxyResponse on503 = get(route, "/hospitals");
        upstream.replying((request, call) -> {
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer", null);
        });
        ProxyResponse onTimeout = get(route, "/hospitals");

        assertThat(on503.status()).isEqualTo(200);
        assertThat(body(on503)).isEqualTo("v1");
        assertThat(xCache(on503)).isEqualTo("STALE");
        assertThat(onTimeout.status()).isEqualTo(200);
        assertThat(xCache(onTimeout)).isEqualTo("STALE");
        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(fixture.listener.stale).hasValue(2);
    }

    @Test
    void noStaleBeyondStaleIfErrorWindow() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 60_000));
        get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(71));

        upstream.replying((request, call) -> FakeUpstream.status(503));
        ProxyResponse on503 = get(route, "/hospitals");
        upstream.replying((request, call) -> {
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer", null);
        });

        assertThat(on503.status()).isEqualTo(503);
        assertThat(xCache(on503)).isEqualTo("MISS");
        assertThatThrownBy(() -> get(route, "/hospitals"))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT));
        assertThat(fixture.listener.stale).hasValue(0);
        assertThat(fixture.listener.misses).hasValue(3);
    }

    @Test
    void fiveXXNeverStored() throws Exception {
        Exchange route = fixture.route(policy(10_000, 10_000, 10_000));
        upstream.replying((request, call) -> FakeUpstream.status(500, "Cache-Control", "max-age=600"));

        ProxyResponse first = get(route, "/hospitals");
        ProxyResponse second = get(route, "/hospitals");

        assertThat(first.status()).isEqualTo(500);
        assertThat(xCache(second)).isEqualTo("MISS");
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(fixture.cache.stats().entries()).isZero();
    }

    @Test
    void cacheControlNoStoreAndMaxAgeHonoured() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));
        upstream.replying((request, call) -> switch (request.path()) {
            case "/no-store" -> ok("n" + call, "Cache-Control", "no-store");
            case "/short" -> ok("s" + call, "Cache-Control", "public, max-age=5");
            case "/aged" -> ok("a" + call, "Cache-Control", "max-age=5", "Age", "4");
            default -> ok("x" + call, "Cache-Control", "max-age=3600");
        });

        get(route, "/no-store");
        assertThat(xCache(get(route, "/no-store"))).isEqualTo("MISS");
        get(route, "/short");
        get(route, "/aged");
        get(route, "/long");
        fixture.advance(Duration.ofSeconds(2));
        assertThat(xCache(get(route, "/short"))).isEqualTo("HIT");
        assertThat(xCache(get(route, "/aged")))
                .as("5s max-age less 4s of upstream age")
                .isEqualTo("MISS");
        fixture.advance(Duration.ofSeconds(4));
        assertThat(xCache(get(route, "/short"))).isEqualTo("MISS");
        fixture.advance(Duration.ofSeconds(60));
        assertThat(xCache(get(route, "/long")))
                .as("the route's TTL caps max-age")
                .isEqualTo("MISS");
    }

    @Test
    void expiresShortensFreshnessAndAnInvalidOneMeansStale() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));
        upstream.replying((request, call) -> switch (request.path()) {
            case "/expires" ->
                ok("e" + call, "Date", "Tue, 03 Mar 2026 10:00:00 GMT", "Expires", "Tue, 03 Mar 2026 10:00:05 GMT");
            default -> ok("z" + call, "Expires", "0");
        });

        get(route, "/expires");
        get(route, "/zero");
        fixture.advance(Duration.ofSeconds(4));
        assertThat(xCache(get(route, "/expires"))).isEqualTo("HIT");
        assertThat(xCache(get(route, "/zero"))).isEqualTo("MISS");
        fixture.advance(Duration.ofSeconds(2));
        assertThat(xCache(get(route, "/expires"))).isEqualTo("MISS");
    }

    @Test
    void responseNoCacheIsStoredOnlyForStaleIfError() throws Exception {
        Exchange route = fixture.route(policy(60_000, 60_000, 60_000));
        upstream.replying((request, call) -> ok("v" + call, "Cache-Control", "no-cache"));

        get(route, "/hospitals");
        ProxyResponse second = get(route, "/hospitals");
        upstream.replying((request, call) -> FakeUpstream.status(502));
        ProxyResponse onError = get(route, "/hospitals");

        assertThat(xCache(second)).isEqualTo("MISS");
        assertThat(fixture.background)
                .as("no stale-while-revalidate for no-cache")
                .isEmpty();
        assertThat(xCache(onError)).isEqualTo("STALE");
        assertThat(body(onError)).isEqualTo("v2");
    }

    @Test
    void clientNoCacheGoesUpstreamAndUpdatesTheStore() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 60_000));
        get(route, "/hospitals");

        ProxyResponse forced = get(route, "/hospitals", "Cache-Control", "no-cache");
        ProxyResponse after = get(route, "/hospitals");

        assertThat(xCache(forced)).isEqualTo("MISS");
        assertThat(body(forced)).isEqualTo("v2");
        assertThat(xCache(after)).isEqualTo("HIT");
        assertThat(body(after)).isEqualTo("v2");
    }

    @Test
    void clientNoStoreBypassesTheStore() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));

        ProxyResponse bypassed = get(route, "/hospitals", "Cache-Control", "no-store");
        ProxyResponse next = get(route, "/hospitals");

        assertThat(xCache(bypassed)).isEqualTo("MISS");
        assertThat(xCache(next)).isEqualTo("MISS");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void xCacheHeaderValues() throws Exception {
        Exchange route = fixture.route(policy(10_000, 10_000, 0));
        upstream.replying((request, call) -> ok(
                "v" + call,
                "Connection",
                "close, X-Trace",
                "Keep-Alive",
                "timeout=5",
                "Transfer-Encoding",
                "chunked",
                "X-Trace",
                "abc",
                "Content-Type",
                "application/json"));

        ProxyResponse miss = get(route, "/hospitals");
        ProxyResponse hit = get(route, "/hospitals");
        fixture.advance(Duration.ofSeconds(15));
        ProxyResponse stale = get(route, "/hospitals");
        ProxyResponse write = send(route, request("POST", "/hospitals"));

        assertThat(xCache(miss)).isEqualTo("MISS");
        assertThat(xCache(hit)).isEqualTo("HIT");
        assertThat(xCache(stale)).isEqualTo("STALE");
        assertThat(xCache(write)).as("writes pass through unchanged").isNull();
        for (ProxyResponse served : new ProxyResponse[] {hit, stale}) {
            assertThat(served.headers().all("X-Cache")).hasSize(1);
            assertThat(served.headers().contains("Connection")).isFalse();
            assertThat(served.headers().contains("Keep-Alive")).isFalse();
            assertThat(served.headers().contains("Transfer-Encoding")).isFalse();
            assertThat(served.headers().contains("X-Trace")).isFalse();
            assertThat(served.headers().first("Content-Type")).contains("application/json");
        }
    }

    @Test
    void conditionalAndRangeFieldsAreNotSentOnSharedFetches() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));

        ProxyResponse response = get(route, "/hospitals", "If-None-Match", "\"v0\"", "Range", "bytes=0-3");

        assertThat(response.status()).isEqualTo(200);
        assertThat(upstream.requests().getFirst().headers().contains("If-None-Match"))
                .isFalse();
        assertThat(upstream.requests().getFirst().headers().contains("Range")).isFalse();
    }

    @Test
    void varyingResponseIsReusedOnlyForTheSameFieldValues() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));
        upstream.replying((request, call) -> ok("v" + call, "Vary", "Accept-Language"));

        get(route, "/hospitals", "Accept-Language", "fr");
        ProxyResponse sameLanguage = get(route, "/hospitals", "Accept-Language", "fr");
        ProxyResponse otherLanguage = get(route, "/hospitals", "Accept-Language", "de");

        assertThat(xCache(sameLanguage)).isEqualTo("HIT");
        assertThat(xCache(otherLanguage)).isEqualTo("MISS");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void headIsCachedApartFromGet() throws Exception {
        Exchange route = fixture.route(policy(10_000, 0, 0));

        send(route, request("HEAD", "/hospitals"));
        ProxyResponse head = send(route, request("HEAD", "/hospitals"));
        ProxyResponse getAfter = get(route, "/hospitals");

        assertThat(xCache(head)).isEqualTo("HIT");
        assertThat(xCache(getAfter)).isEqualTo("MISS");
    }
}
