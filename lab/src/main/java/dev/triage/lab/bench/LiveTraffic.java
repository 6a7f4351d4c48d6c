package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * The lab's steady traffic for {@code up}: staff reads and writes at a set rate (open loop, so a slow
 * HOSP does not slow the arrivals), and now and then an attacker: unauthenticated note posts,
 * credential guessing, probing paths, requests without the CDN header. Bounded in flight; stops on
 * close.
 *
 * <p>Each side has its own source address on loopback ({@link Sources}): staff requests leave from
 * several "desks" (127.0.0.10..127.0.0.29 by default, one HTTP client bound to each, taken in turn),
 * the attacker from 127.0.0.66, so the agents' per-source detection and a source-ip rule can tell
 * them apart. Linux routes all of 127.0.0.0/8 to the loopback interface; where those addresses cannot
 * be bound (macOS without aliases), {@link Sources#lab()} falls back to the system's choice.
 */
public final class LiveTraffic implements AutoCloseable {

    /** Requests in flight beyond this are dropped (and counted), so an outage cannot pile up threads. */
    static final int MAX_IN_FLIGHT = 256;

    private static final List<String> PROBES =
            List.of("/admin", "/.env", "/wp-login.php", "/phpmyadmin/", "/patients/1/../../etc/passwd", "/.git/config");

    /**
     * The local addresses requests leave from: one HTTP client per staff address, one for the
     * attacker. An empty staff list (and a null attacker) leaves the choice to the system (127.0.0.1).
     */
    public record Sources(List<InetAddress> staff, InetAddress attacker) {
        /** The staff desks' first address and how many there are: 127.0.0.10..127.0.0.29. */
        public static final int FIRST_DESK = 10;

        public static final int DESKS = 20;

        /** The attacker's address. */
        public static final String ATTACKER = "127.0.0.66";

        /** Every request from the address the system chooses (127.0.0.1 for the lab). */
        public static final Sources UNBOUND = new Sources(List.of(), null);

        public Sources {
            staff = List.copyOf(requireNonNull(staff, "staff"));
        }

        /**
         * Staff from 127.0.0.10..127.0.0.29 and the attacker from 127.0.0.66 when this machine can
         * bind them (Linux: always), else {@link #UNBOUND}.
         */
        public static Sources lab() {
            List<InetAddress> desks = new ArrayList<>();
            for (int i = 0; i < DESKS; i++) {
                desks.add(loopback(FIRST_DESK + i));
            }
            InetAddress attacker = address(ATTACKER);
            return bindable(desks.getFirst()) && bindable(attacker) ? new Sources(desks, attacker) : UNBOUND;
        }

        /** 127.0.0.{@code last}. */
        public static InetAddress loopback(int last) {
            if (last < 1 || last > 254) {
                throw new IllegalArgumentException("last: " + last + " (expected: 1..254)");
            }
            return address("127.0.0." + last);
        }

        /** Whether a socket can be bound to {@code address} here. */
        public static boolean bindable(InetAddress address) {
            try (Socket probe = new Socket()) {
                probe.bind(new InetSocketAddress(address, 0));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static InetAddress address(String literal) {
            try {
                return InetAddress.getByName(literal);
            } catch (IOException e) {
                throw new IllegalArgumentException("address: " + literal + " (expected: an IP literal)", e);
            }
        }
    }

    private final URI target;
    private final ExecutorService executor;
    private final List<HttpClient> staffClients;
    private final HttpClient attackerClient;
    private final ScheduledExecutorService clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final SplittableRandom random;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder staffDropped = new LongAdder();
    private final LongAdder attacks = new LongAdder();
    private final Map<Integer, LongAdder> staffFailures = new ConcurrentHashMap<>();
    private List<Operation> plan;
    private int next;

    private LiveTraffic(URI target, long seed, Sources sources) {
        this.target = requireNonNull(target, "target");
        requireNonNull(sources, "sources");
        this.random = new SplittableRandom(seed);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        List<HttpClient> desks = new ArrayList<>();
        for (InetAddress desk : sources.staff()) {
            desks.add(client(executor, desk));
        }
        if (desks.isEmpty()) {
            desks.add(client(executor, null));
        }
        this.staffClients = List.copyOf(desks);
        this.attackerClient = client(executor, sources.attacker());
        this.clock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lab-traffic").factory());
        this.plan = TrafficPlan.generate(seed, 10_000, Population.HOSP_SEED);
    }

    /** An HTTP client whose connections leave from {@code local} (null: the system's choice). */
    static HttpClient client(ExecutorService executor, InetAddress local) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor);
        if (local != null) {
            builder.localAddress(local);
        }
        return builder.build();
    }

    /**
     * Starts sending to {@code target}: {@code staffPerSecond} staff requests a second, and one attack
     * burst every {@code attackEvery} (null: no attacker), from {@link Sources#lab()}.
     */
    public static LiveTraffic start(URI target, double staffPerSecond, Duration attackEvery, long seed) {
        return start(target, staffPerSecond, attackEvery, seed, Sources.lab());
    }

    /** As above, from {@code sources}. */
    public static LiveTraffic start(
            URI target, double staffPerSecond, Duration attackEvery, long seed, Sources sources) {
        if (!(staffPerSecond > 0 && staffPerSecond <= 1_000)) {
            throw new IllegalArgumentException("staffPerSecond: " + staffPerSecond + " (expected: > 0 and <= 1000)");
        }
        LiveTraffic traffic = new LiveTraffic(target, seed, sources);
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

    /** Staff requests not sent because {@link #MAX_IN_FLIGHT} were in flight (included in {@link #dropped}). */
    public long staffDropped() {
        return staffDropped.sum();
    }

    /** Staff requests that did not succeed, by the status they got (0: no answer: timeout, connection failure). */
    public Map<Integer, Long> staffFailures() {
        Map<Integer, Long> counts = new TreeMap<>();
        staffFailures.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    /** Requests sent and not yet answered (or failed). */
    public int inFlight() {
        return MAX_IN_FLIGHT - inFlight.availablePermits();
    }

    /**
     * Stops sending and waits up to {@code drain} for the requests in flight to finish; true when
     * they all did. The counters are final once it returns true.
     */
    public boolean stop(Duration drain) throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        if (inFlight.tryAcquire(MAX_IN_FLIGHT, drain.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(MAX_IN_FLIGHT);
            return true;
        }
        return false;
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
        send(staffClients.get((int) (sequence.get() % staffClients.size())), request.build(), true);
    }

    private void attack() {
        String note = "{\"text\":\"lab attacker " + sequence.incrementAndGet() + "\"}";
        // an unauthenticated note post
        send(attackerClient, post("/patients/" + (1 + random.nextInt(300)) + "/notes", note, null), false);
        // credential guessing
        for (int i = 0; i < 5; i++) {
            String guess = "dr.alvarez:" + Long.toHexString(random.nextLong());
            send(
                    attackerClient,
                    post(
                            "/patients/" + (1 + random.nextInt(300)) + "/notes",
                            note,
                            "Basic " + Base64.getEncoder().encodeToString(guess.getBytes(StandardCharsets.UTF_8))),
                    false);
        }
        // probing paths
        for (String probe : PROBES) {
            send(
                    attackerClient,
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

    private void send(HttpClient client, HttpRequest request, boolean staff) {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            if (staff) {
                staffDropped.increment();
            }
            return;
        }
        if (staff) {
            sent.increment();
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inFlight.release();
            if (!staff) {
                return;
            }
            int status = failure == null ? response.statusCode() : 0;
            if (status >= 200 && status < 300) {
                succeeded.increment();
            } else {
                staffFailures.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        });
    }

    @Override
    public void close() throws IOException {
        clock.shutdownNow();
        for (HttpClient client : staffClients) {
            client.shutdownNow();
        }
        attackerClient.shutdownNow();
        executor.shutdownNow();
    }
}
