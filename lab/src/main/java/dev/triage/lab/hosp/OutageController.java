package dev.triage.lab.hosp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes HOSP down and up: follows the timeline's outages, plus outages forced for a wall-clock duration.
 * Going down closes the listener and resets open connections; going up binds the same port again.
 */
final class OutageController {
    private static final Logger LOG = LoggerFactory.getLogger(OutageController.class);
    private static final long MIN_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long REBIND_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    interface Target {
        void goDown();

        void goUp() throws IOException;
    }

    private final Timeline timeline;
    private final SimClock clock;
    private final Target target;
    private final HospStats stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean down;
    private boolean forced;
    private long forcedUntil;
    private boolean closed;
    private Thread thread;

    OutageController(Timeline timeline, SimClock clock, Target target, HospStats stats) {
        this.timeline = requireNonNull(timeline, "timeline");
        this.clock = requireNonNull(clock, "clock");
        this.target = requireNonNull(target, "target");
        this.stats = requireNonNull(stats, "stats");
    }

    void start() {
        thread = Thread.ofVirtual().name("hosp-outages").start(this::run);
    }

    boolean down() {
        return down;
    }

    /** Starts an outage now (returns once connections are refused) lasting the given wall-clock time. */
    void force(Duration duration) {
        requireNonNull(duration, "duration");
        lock.lock();
        try {
            long until = System.nanoTime() + duration.toNanos();
            forcedUntil = forced && forcedUntil - until > 0 ? forcedUntil : until;
            forced = true;
            if (!down) {
                begin();
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                double t = clock.profileSeconds(now);
                if (forced && now - forcedUntil >= 0) {
                    forced = false;
                }
                boolean wanted = forced || timeline.outage(t);
                long wait;
                if (wanted && !down) {
                    begin();
                }
                if (!wanted && down && !end()) {
                    wait = REBIND_RETRY_NANOS;
                } else {
                    double boundary = timeline.nextOutageBoundaryAfter(t);
                    long next = Double.isInfinite(boundary) ? now + MAX_WAIT_NANOS : clock.wallNanos(boundary);
                    if (forced) {
                        next = Math.min(next, forcedUntil);
                    }
                    wait = Math.clamp(next - now, MIN_WAIT_NANOS, MAX_WAIT_NANOS);
                }
                wake.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void begin() {
        down = true;
        stats.outageBegan();
        target.goDown();
        LOG.info("HOSP outage began");
    }

    private boolean end() {
        try {
            target.goUp();
            down = false;
            LOG.info("HOSP outage ended");
            return true;
        } catch (IOException e) {
            LOG.warn("HOSP could not listen again after an outage, retrying: {}", e.getMessage());
            return false;
        }
    }
}
