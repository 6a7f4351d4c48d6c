package dev.triage.agent.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.triage.agent.api.config.CachePolicy;
import dev.triage.agent.api.config.CacheStore;
import dev.triage.agent.http.Headers;
import dev.triage.agent.http.ProxyRequest;
import dev.triage.agent.http.ProxyResponse;
import dev.triage.agent.upstream.Deadline;
import dev.triage.agent.upstream.Exchange;
import dev.triage.agent.upstream.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** A cache on a fake ticker, a fake upstream and a manual background executor. */
class CacheFixture {

    static final String HOST = "api.example.test";

    final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    final Ticker ticker = nanos::get;
    final Queue<Runnable> background = new ConcurrentLinkedQueue<>();
    final FakeUpstream upstream = new FakeUpstream();
    final CountingListener listener = new CountingListener();
    final ResponseCache cache;

    CacheFixture() {
        this(CacheStore.DEFAULT_MAX_BYTES);
    }

    CacheFixture(long maxBytes) {
        cache = new ResponseCache(new CacheStore(maxBytes), ticker, background::add);
    }

    static CachePolicy policy(int ttlMs, int staleWhileRevalidateMs, int staleIfErrorMs) {
        return new CachePolicy(ttlMs, staleWhileRevalidateMs, staleIfErrorMs, false, 0);
    }

    /** The route as the agent composes it: invalidation outermost, the cache, then the upstream. */
    Exchange route(CachePolicy policy) {
        return cache.invalidating(cache.decorate(policy, upstream, listener));
    }

    /** The route with its target group's health, as the agent passes it. */
    Exchange route(CachePolicy policy, BooleanSupplier upstreamFailing) {
        return cache.invalidating(cache.decorate(policy, upstream, listener, upstreamFailing));
    }

    static CachePolicy sharedPolicy(int ttlMs, int staleWhileRevalidateMs, int staleIfErrorMs) {
        return new CachePolicy(ttlMs, staleWhileRevalidateMs, staleIfErrorMs, true, 0);
    }

    static ProxyRequest request(String method, String target, String... headers) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        Headers fields = Headers.of(headers).toBuilder().add("Host", HOST).build();
        return new ProxyRequest(method, path, query, fields, null, "127.0.0.1", "req-1");
    }

    static ProxyResponse send(Exchange exchange, ProxyRequest request) throws UpstreamException, InterruptedException {
        return exchange.exchange(request, Deadline.after(Duration.ofSeconds(10)));
    }

    static ProxyResponse get(Exchange exchange, String target, String... headers)
            throws UpstreamException, InterruptedException {
        return send(exchange, request("GET", target, headers));
    }

    static String body(ProxyResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String xCache(ProxyResponse response) {
        return response.headers().first("X-Cache").orElse(null);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    int runBackground() {
        int ran = 0;
        for (Runnable task; (task = background.poll()) != null && ran < 100; ran++) {
            task.run();
        }
        return ran;
    }
}
