package dev.triage.agent.upstream;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.api.config.TargetGroup;
import dev.triage.agent.api.stats.TargetStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A target group as the agent runs it: round-robin over its targets with active and passive health,
 * and the group's recent health for write holding.
 *
 * <p>Active health checks (when the group has a {@code healthCheck}, between {@link
 * #startHealthChecks} and {@link #stopHealthChecks}): every {@code intervalMs}, GET {@code path} to
 * each target, bounded by {@code timeoutMs}; a 200..399 answer passes. {@code healthyThreshold} passes
 * in a row make a target healthy, {@code unhealthyThreshold} failures in a row unhealthy. Targets start
 * healthy. An unhealthy target gets no new requests; when no target is both healthy and not ejected,
 * the group fails open and uses them all, as an ALB does.
 *
 * <p>Thresholds (passive, from every attempt and probe):
 *
 * <ul>
 *   <li>A target is ejected after {@link #EJECT_AFTER_FAILURES} consecutive failures (a failure is an
 *       attempt without a response, or a 500, 502, 503 or 504), for {@link #EJECTION}; then it gets
 *       traffic again and one success clears it. When every target is ejected the group fails open
 *       and uses them all, as an ALB does.
 *   <li>The group is <em>failing</em> when its last {@link #FAILING_RUN} outcomes all failed, or when
 *       at least half of its last {@link #WINDOW} outcomes failed (with at least 4 known), or when
 *       every target is ejected (by passive counting: targets the checks call unhealthy still take
 *       traffic when the group fails open, so they do not make it failing).
 *   <li>While failing, {@link #awaitRecovery} sends one probe at a time (GET of the health check
 *       path when configured, else HEAD /), at most every probe timeout / 10, clamped to 5..100 ms;
 *       a probe answered below 500 clears the group's history. It returns once the group no longer
 *       looks failing (a probe answered, or successes outweigh the failures).
 * </ul>
 */
public final class TargetGroupRuntime implements TargetGroupHealth {

    public static final int EJECT_AFTER_FAILURES = 5;
    public static final Duration EJECTION = Duration.ofSeconds(10);
    public static final int WINDOW = 10;
    public static final int FAILING_RUN = 3;
    static final long MIN_PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final long MAX_PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int WINDOW_MASK = (1 << WINDOW) - 1;

    /** Sends one health probe; true when the target answered below 500. */
    @FunctionalInterface
    interface Prober {
        boolean probe(Target target, String method, String path, Deadline deadline) throws InterruptedException;
    }

    private final TargetGroup config;
    private final Target[] targets;
    private final LongSupplier nanoClock;
    private final Prober prober;
    private final AtomicInteger next = new AtomicInteger();
    /** (outcomes seen, capped) << 32 | failure bits, newest in bit 0. */
    private final AtomicLong history = new AtomicLong();

    private final AtomicLong successes = new AtomicLong();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition succeeded = lock.newCondition();
    private final String probeMethod;
    private final String probePath;
    private final long probeTimeoutNanos;
    private final long probeIntervalNanos;
    private volatile long nextProbeNanos;

    private final ActiveHealthCheck healthCheck;

    TargetGroupRuntime(TargetGroup config, LongSupplier nanoClock, Prober prober) {
        this(config, nanoClock, prober, null);
    }

    /** {@code checks} runs the active health checks; null for none (passive counting only). */
    TargetGroupRuntime(TargetGroup config, LongSupplier nanoClock, Prober prober, CheckRunner checks) {
        this.config = requireNonNull(config, "config");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.prober = requireNonNull(prober, "prober");
        this.targets = config.targets().stream()
                .map(target -> new Target(target.host(), target.port()))
                .toArray(Target[]::new);
        TargetGroup.HealthCheck check = config.healthCheck();
        boolean checkPath =
                check != null && check.path() != null && !check.path().isBlank();
        this.probeMethod = checkPath ? "GET" : "HEAD";
        this.probePath = checkPath ? check.path() : "/";
        long timeoutMs = check != null && check.timeoutMs() > 0 ? check.timeoutMs() : config.connectTimeoutMs();
        this.probeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMs));
        this.probeIntervalNanos =
                Math.clamp(probeTimeoutNanos / 10, MIN_PROBE_INTERVAL_NANOS, MAX_PROBE_INTERVAL_NANOS);
        this.healthCheck = check != null && checks != null && targets.length > 0
                ? new ActiveHealthCheck(config.name(), check, targets, checks)
                : null;
    }

    /**
     * Starts the active health checks, when the group has them; called once the group serves traffic.
     * A group whose checks were stopped does not start them again.
     */
    public void startHealthChecks() {
        if (healthCheck != null) {
            healthCheck.start();
        }
    }

    /** Stops the active health checks (the group's config was swapped out or the agent closes). */
    public void stopHealthChecks() {
        if (healthCheck != null) {
            healthCheck.stop();
        }
    }

    /** Whether active health checks are running now. */
    public boolean healthChecksRunning() {
        return healthCheck != null && healthCheck.running();
    }

    public String name() {
        return config.name();
    }

    public TargetGroup config() {
        return config;
    }

    /**
     * The next target round-robin, skipping ejected and unhealthy ones; all of them when none is left
     * (fail open); null when empty.
     */
    Target choose() {
        int count = targets.length;
        if (count == 0) {
            return null;
        }
        int start = Math.floorMod(next.getAndIncrement(), count);
        long now = nanoClock.getAsLong();
        for (int i = 0; i < count; i++) {
            Target target = targets[(start + i) % count];
            if (target.available(now)) {
                return target;
            }
        }
        return targets[start];
    }

    /** Records one attempt's outcome for the target's and the group's passive health. */
    void record(Target target, boolean success) {
        long now = nanoClock.getAsLong();
        if (success) {
            target.succeeded();
        } else {
            target.failed(now, EJECTION.toNanos());
        }
        history.updateAndGet(h -> {
            long seen = Math.min((h >>> 32) + 1, WINDOW);
            long bits = ((h << 1) | (success ? 0 : 1)) & WINDOW_MASK;
            return seen << 32 | bits;
        });
        if (success) {
            successes.incrementAndGet();
            signalSuccess();
        }
    }

    @Override
    public boolean failing() {
        long h = history.get();
        int seen = (int) (h >>> 32);
        int bits = (int) h & WINDOW_MASK;
        int runMask = (1 << FAILING_RUN) - 1;
        if (seen >= FAILING_RUN && (bits & runMask) == runMask) {
            return true;
        }
        if (seen >= 4 && Integer.bitCount(bits) * 2 >= seen) {
            return true;
        }
        return allEjected();
    }

    /**
     * Waits until the group no longer looks failing: a probe answered, or enough attempts succeeded to
     * outweigh the failures. A single success is not enough: while an outage drains, requests already
     * inside the upstream still succeed as new connections are refused.
     */
    @Override
    public boolean awaitRecovery(Deadline deadline) throws InterruptedException {
        requireNonNull(deadline, "deadline");
        while (failing()) {
            if (deadline.expired()) {
                return false;
            }
            long seenSuccesses = successes.get();
            probeIfDue(deadline);
            if (!failing()) {
                return true;
            }
            long wait = Math.min(probeIntervalNanos, deadline.remaining().toNanos());
            waiters.incrementAndGet();
            lock.lockInterruptibly();
            try {
                if (successes.get() == seenSuccesses && wait > 0) {
                    succeeded.awaitNanos(wait);
                }
            } finally {
                lock.unlock();
                waiters.decrementAndGet();
            }
        }
        return true;
    }

    private void probeIfDue(Deadline deadline) throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (now - nextProbeNanos < 0 || !probing.compareAndSet(false, true)) {
            return;
        }
        try {
            Target target = choose();
            if (target == null) {
                return;
            }
            Deadline probeDeadline = deadline.earliest(new Deadline(System.nanoTime() + probeTimeoutNanos));
            boolean alive = prober.probe(target, probeMethod, probePath, probeDeadline);
            if (alive) {
                history.set(0);
            }
            record(target, alive);
        } finally {
            nextProbeNanos = nanoClock.getAsLong() + probeIntervalNanos;
            probing.set(false);
        }
    }

    /** Wakes waiting writes; the hot path only reads a counter when nobody waits. */
    private void signalSuccess() {
        if (waiters.get() == 0) {
            return;
        }
        lock.lock();
        try {
            succeeded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Passive only: targets the checks call unhealthy still count here, as the group fails open to them. */
    private boolean allEjected() {
        if (targets.length == 0) {
            return false;
        }
        long now = nanoClock.getAsLong();
        for (Target target : targets) {
            if (!target.ejected(now)) {
                return false;
            }
        }
        return true;
    }

    /** Each target's passive health, for the stats. */
    public List<TargetStats> targetStats() {
        long now = nanoClock.getAsLong();
        List<TargetStats> stats = new ArrayList<>(targets.length);
        for (Target target : targets) {
            stats.add(new TargetStats(target.label(), target.available(now), target.consecutiveFailures()));
        }
        return stats;
    }

    String probeMethod() {
        return probeMethod;
    }

    String probePath() {
        return probePath;
    }

    List<Target> targets() {
        return List.of(targets);
    }
}
