package dev.triage.agent.cache;

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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResponseCacheInvalidationTest {

    private final CacheFixture fixture = new CacheFixture();
    private final FakeUpstream upstream = fixture.upstream;

    @Test
    void writeInvalidatesResourceAndCollection() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));
        List<String> notes = List.of("/patients/7/notes", "/patients/7/notes.json", "/patients/7/notes?page=2");
        List<String> hospital = List.of("/hospitals/3", "/hospitals/3.json", "/hospitals", "/hospitals.json?x=1");
        for (String target : concat(notes, hospital, List.of("/hospitals/4", "/patients/8/notes"))) {
            get(route, target);
            get(route, target, "Authorization", "Bearer someone");
        }

        send(route, request("POST", "/patients/7/notes"));
        send(route, request("PATCH", "/hospitals/3"));

        for (String target : concat(notes, hospital, List.of())) {
            assertThat(xCache(get(route, target))).as(target).isEqualTo("MISS");
            assertThat(xCache(get(route, target, "Authorization", "Bearer someone")))
                    .as(target + " for a principal")
                    .isEqualTo("MISS");
        }
        assertThat(xCache(get(route, "/hospitals/4"))).isEqualTo("HIT");
        assertThat(xCache(get(route, "/patients/8/notes"))).isEqualTo("HIT");
    }

    @Test
    void failedWriteInvalidatesOnlyWhenItMayHaveLanded() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));
        get(route, "/a");
        get(route, "/b");
        get(route, "/c");

        upstream.replying((request, call) -> FakeUpstream.status(500));
        send(route, request("PUT", "/a"));
        upstream.replying((request, call) -> {
            throw new UpstreamException(UpstreamException.Kind.CONNECT_FAILURE, "refused", null);
        });
        assertThatThrownBy(() -> send(route, request("DELETE", "/b"))).isInstanceOf(UpstreamException.class);
        upstream.replying((request, call) -> {
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer", null);
        });
        assertThatThrownBy(() -> send(route, request("DELETE", "/c"))).isInstanceOf(UpstreamException.class);
        upstream.replying(FakeUpstream.VERSIONED);

        assertThat(xCache(get(route, "/a"))).as("a 5XX changed nothing").isEqualTo("HIT");
        assertThat(xCache(get(route, "/b"))).as("never sent").isEqualTo("HIT");
        assertThat(xCache(get(route, "/c")))
                .as("sent, unanswered: may have landed")
                .isEqualTo("MISS");
    }

    @Test
    void readFetchedBeforeAWriteLandedIsNotStored() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        upstream.replying((request, call) -> {
            if (call == 1) {
                fetching.countDown();
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return ok("before the write");
            }
            return ok("v" + call);
        });

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ProxyResponse> read = threads.submit(() -> get(route, "/hospitals/3"));
            assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
            send(route, request("PATCH", "/hospitals/3"));
            release.countDown();
            assertThat(xCache(read.get(10, TimeUnit.SECONDS))).isEqualTo("MISS");
        }

        assertThat(xCache(get(route, "/hospitals/3"))).isEqualTo("MISS");
    }

    @Test
    void purgeByPrefix() throws Exception {
        Exchange route = fixture.route(policy(60_000, 0, 0));
        get(route, "/a/1");
        get(route, "/a/2?q=1");
        get(route, "/b/1");

        assertThat(fixture.cache.purge("/a")).isEqualTo(2);
        assertThat(xCache(get(route, "/b/1"))).isEqualTo("HIT");
        assertThat(xCache(get(route, "/a/1"))).isEqualTo("MISS");
        assertThat(fixture.cache.purge(null)).isEqualTo(2);
        assertThat(fixture.cache.stats().entries()).isZero();
        assertThat(fixture.cache.stats().bytes()).isZero();
        assertThat(fixture.cache.store().indexedResources()).isZero();
    }

    @Test
    void boundedInBytes() throws Exception {
        CacheFixture small = new CacheFixture(10_000);
        Exchange route = small.route(policy(60_000, 0, 0));
        small.upstream.replying((request, call) -> ok("x".repeat(3_000)));

        for (int i = 0; i < 6; i++) {
            get(route, "/big/" + i);
        }

        var stats = small.cache.stats();
        assertThat(stats.bytes()).isLessThanOrEqualTo(10_000);
        assertThat(stats.entries()).isBetween(1L, 3L);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(3);
        assertThat(small.cache.store().indexedResources()).isEqualTo((int) stats.entries());
    }

    @Test
    void entryAboveMaxEntryBytesIsNotStored() throws Exception {
        Exchange route = fixture.route(new dev.triage.agent.api.config.CachePolicy(60_000, 0, 0, false, 100));
        upstream.replying((request, call) -> ok("x".repeat(101)));

        get(route, "/big");

        assertThat(xCache(get(route, "/big"))).isEqualTo("MISS");
    }

    @Test
    void expiredEntriesLeaveTheStore() throws Exception {
        Exchange route = fixture.route(policy(10_000, 5_000, 20_000));
        get(route, "/a");

        fixture.advance(Duration.ofSeconds(31));

        assertThat(fixture.cache.stats().entries()).isZero();
        assertThat(fixture.cache.store().indexedResources()).isZero();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
