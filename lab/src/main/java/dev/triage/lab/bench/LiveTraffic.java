package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The lab's steady traffic for {@code up}: staff reads and writes at a set rate (open loop, so a slow
 * HOSP does not slow the arrivals), and now and then an attacker: unauthenticated note posts,
 * credential guessing, probing paths, requests without the CDN header. Bounded in flight; stops on
 * close.
 */
public final class LiveTraffic implements AutoCloseable {

    /** Requests in flight beyond this are dropped (and counted), so an outage cannot pile up threads. */
    static final int MAX_IN_FLIGHT = 256;

    private static final List<String> PROBES =
            List.of("/admin", "/.env", "/wp-login.php", "/phpmyadmin/", "/patients/1/../../etc/passwd", "/.git/config");

    private final URI target;
    private final HttpClient client;
    private final ScheduledExecutorService clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final SplittableRandom random;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder attacks = new LongAdder();
    private List<Operation> plan;
    private int next;

    private LiveTraffic(URI target, long seed) {
        this.target = requireNonNull(target, "target");
        this.random = new SplittableRandom(seed);
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.clock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lab-traffic").factory());
        this.plan = TrafficPlan.generate(seed, 10_000, Population.HOSP_SEED);
    }

    /**
     * Starts sending to {@code target}: {@code staffPerSecond} staff requests a second, and one attack
     * burst every {@code attackEvery} (null: no attacker).
     */
    public static LiveTraffic start(URI target, double staffPerSecond, Duration attackEvery, long seed) {
        if (!(staffPerSecond > 0 && staffPerSecond <= 1_000)) {
            throw new IllegalArgumentException("staffPerSecond: " + staffPerSecond + " (expected: > 0 and <= 1000)");
        }
        LiveTraffic traffic = new LiveTraffic(target, seed);
        long periodMicros = Math.round(1_000_000 / staffPerSecond);
        traffic.clock.scheduleAtFixedRate(traffic::sendStaff, 0, periodMicros, TimeUnit.MICROSECONDS);
        if (attackEvery != null) {
            traffic.clock.scheduleAtFixedRate(
                    traffic::attack, attackEvery.toMillis(), attackEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return traffic;
    }

    public long sent() {
        return sent.sum();
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long attacks() {
        return attacks.sum();
    }

    private void sendStaff() {
        if (next == plan.size()) {
            plan = TrafficPlan.generate(random.nextLong(), 10_000, Population.HOSP_SEED);
            next = 0;
        }
        Operation op = plan.get(next++);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(op.path()))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", op.authorization())
                .header("X-Request-Id", op.requestId() + "-" + sequence.incrementAndGet());
        if (op.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(op.method(), HttpRequest.BodyPublishers.ofString(op.body()));
        } else {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        send(request.build(), true);
    }

    private void attack() {
        String note = "{\"text\":\"lab attacker " + sequence.incrementAndGet() + "\"}";
        // an unauthenticated note post
        send(post("/patients/" + (1 + random.nextInt(300)) + "/notes", note, null), false);
        // credential guessing
        for (int i = 0; i < 5; i++) {
            String guess = "dr.alvarez:" + Long.toHexString(random.nextLong());
            send(
                    post(
                            "/patients/" + (1 + random.nextInt(300)) + "/notes",
                            note,
                            "Basic " + Base64.getEncoder().encodeToString(guess.getBytes(StandardCharsets.UTF_8))),
                    false);
        }
        // probing paths
        for (String probe : PROBES) {
            send(
                    HttpRequest.newBuilder(target.resolve(probe.replace("..", "%2e%2e")))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    false);
        }
        attacks.increment();
    }

    private HttpRequest post(String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private void send(HttpRequest request, boolean staff) {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return;
        }
        if (staff) {
            sent.increment();
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inFlight.release();
            if (staff && failure == null && response.statusCode() >= 200 && response.statusCode() < 300) {
                succeeded.increment();
            }
        });
    }

    @Override
    public void close() throws IOException {
        clock.shutdownNow();
        client.shutdownNow();
    }
}
