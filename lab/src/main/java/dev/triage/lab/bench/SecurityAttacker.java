package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The security bench's attacker: unauthenticated note posts from its own loopback address at a
 * steady rate, each with an X-Request-Id of its own ({@code attacker-N}) so the edge's access log can
 * say what became of it. Every post is counted as sent before or after the block ({@link
 * #markBlocked}), and the answers to the ones after it by status.
 */
final class SecurityAttacker implements AutoCloseable {

    static final String ID_PREFIX = "attacker-";
    private static final int MAX_IN_FLIGHT = 64;
    /** Status recorded for a post that got no answer (connection failure, timeout). */
    static final int NO_ANSWER = 0;

    private final URI target;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lab-attacker").factory());
    private final SplittableRandom random;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong firstPostNanos = new AtomicLong();
    private final LongAdder before = new LongAdder();
    private final LongAdder after = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Map<Integer, LongAdder> beforeStatuses = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> afterStatuses = new ConcurrentHashMap<>();
    private final Set<String> afterIds = ConcurrentHashMap.newKeySet();
    private volatile boolean blocked;

    private SecurityAttacker(URI target, InetAddress source, long seed) {
        this.target = requireNonNull(target, "target");
        this.client = LiveTraffic.client(executor, requireNonNull(source, "source"));
        this.random = new SplittableRandom(seed);
    }

    /** Starts posting to {@code target} from {@code source}, {@code perSecond} posts a second. */
    static SecurityAttacker start(URI target, InetAddress source, double perSecond, long seed) {
        if (!(perSecond > 0 && perSecond <= 100)) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0 and <= 100)");
        }
        SecurityAttacker attacker = new SecurityAttacker(target, source, seed);
        long periodMicros = Math.round(1_000_000 / perSecond);
        attacker.clock.scheduleAtFixedRate(attacker::post, 0, periodMicros, TimeUnit.MICROSECONDS);
        return attacker;
    }

    /** From now on, posts count as after the block. */
    void markBlocked() {
        blocked = true;
    }

    /** {@link System#nanoTime()} when the first post was sent; 0 before it. */
    long firstPostNanos() {
        return firstPostNanos.get();
    }

    long before() {
        return before.sum();
    }

    long after() {
        return after.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** Answers to the posts before the block, by status ({@link #NO_ANSWER} for none). */
    Map<Integer, Long> beforeStatuses() {
        return counts(beforeStatuses);
    }

    /** Answers to the posts after the block, by status. */
    Map<Integer, Long> afterStatuses() {
        return counts(afterStatuses);
    }

    /** The X-Request-Ids of the posts sent after the block. */
    Set<String> afterIds() {
        return Set.copyOf(afterIds);
    }

    /** Stops posting and waits up to {@code drain} for the posts in flight; true when they all finished. */
    boolean stop(Duration drain) throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        if (inFlight.tryAcquire(MAX_IN_FLIGHT, drain.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(MAX_IN_FLIGHT);
            return true;
        }
        return false;
    }

    private void post() {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return;
        }
        String id = ID_PREFIX + sequence.incrementAndGet();
        String note = "{\"text\":\"not a vet " + id + "\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        target.resolve("/patients/" + (1 + random.nextInt(300)) + "/notes"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", id)
                .POST(HttpRequest.BodyPublishers.ofString(note))
                .build();
        boolean afterBlock = blocked;
        Map<Integer, LongAdder> statuses = afterBlock ? afterStatuses : beforeStatuses;
        (afterBlock ? after : before).increment();
        if (afterBlock) {
            afterIds.add(id);
        }
        firstPostNanos.compareAndSet(0, System.nanoTime());
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : NO_ANSWER;
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            inFlight.release();
        });
    }

    private static Map<Integer, Long> counts(Map<Integer, LongAdder> statuses) {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        client.shutdownNow();
        executor.shutdownNow();
    }
}
