package dev.triage.lab.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Closed-loop load: {@code concurrency} virtual threads, each sending its next GET as soon as the
 * last one is answered, over keep-alive connections from a pool of exactly that size. A run stops at
 * {@code requests} sent or at {@code maxDuration}, whichever comes first. The client never retries.
 */
final class ThroughputLoad implements AutoCloseable {

    /** Highest latency the histograms track: a minute, in microseconds. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private static final Timeout TIMEOUT = Timeout.ofSeconds(30);

    private final int concurrency;
    private final CloseableHttpClient client;

    ThroughputLoad(int concurrency) {
        this.concurrency = concurrency;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency)
                        .setMaxConnPerRoute(concurrency)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(TIMEOUT)
                                .setSocketTimeout(TIMEOUT)
                                .build())
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(TIMEOUT).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /** What one run saw. Latency in microseconds; an error is a non-2XX status or no response at all. */
    record Result(long requests, long errors, long cacheHitHeaders, long nanos, Histogram latencyMicros) {}

    /** Sends GETs to the targets in turn (request n goes to {@code targets[n % length]}). */
    Result run(List<URI> targets, long requests, Duration maxDuration) throws InterruptedException {
        URI[] uris = targets.toArray(URI[]::new);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        List<Future<Result>> workers = new ArrayList<>(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                workers.add(executor.submit(() -> work(uris, next, requests, deadline)));
            }
            Histogram latency = new Histogram(MAX_MICROS, 3);
            long sent = 0;
            long errors = 0;
            long hits = 0;
            for (Future<Result> worker : workers) {
                Result part = get(worker);
                sent += part.requests();
                errors += part.errors();
                hits += part.cacheHitHeaders();
                latency.add(part.latencyMicros());
            }
            return new Result(sent, errors, hits, System.nanoTime() - start, latency);
        }
    }

    private Result work(URI[] uris, AtomicLong next, long requests, long deadline) {
        Histogram latency = new Histogram(MAX_MICROS, 3);
        long sent = 0;
        long errors = 0;
        long hits = 0;
        while (true) {
            long n = next.getAndIncrement();
            if (n >= requests || System.nanoTime() - deadline >= 0) {
                break;
            }
            HttpGet get = new HttpGet(uris[(int) (n % uris.length)]);
            long begin = System.nanoTime();
            int outcome;
            try {
                outcome = client.execute(get, response -> {
                    EntityUtils.consume(response.getEntity());
                    Header cache = response.getFirstHeader("X-Cache");
                    boolean hit = cache != null && "HIT".equals(cache.getValue());
                    int status = response.getCode();
                    return status >= 200 && status < 300 ? (hit ? 2 : 1) : 0;
                });
            } catch (IOException e) {
                outcome = 0;
            }
            latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - begin) / 1_000));
            sent++;
            if (outcome == 0) {
                errors++;
            } else if (outcome == 2) {
                hits++;
            }
        }
        return new Result(sent, errors, hits, 0, latency);
    }

    private static Result get(Future<Result> worker) throws InterruptedException {
        try {
            return worker.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load worker failed", e.getCause());
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
