package dev.triage.agent.upstream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.HttpHost;

/**
 * One upstream endpoint of a target group, with its passive health (ejection after consecutive
 * failures) and its active health (the verdict of health checks; healthy until checks say otherwise).
 */
final class Target {

    private final HttpHost host;
    private final String label;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** Zero while healthy; else the clock reading when the ejection ends. */
    private volatile long ejectedUntilNanos;
    /** The active health checks' verdict; only the check callbacks write it and the counters below. */
    private volatile boolean checkedHealthy = true;

    private int checkPasses;
    private int checkFailures;
    private final AtomicBoolean checking = new AtomicBoolean();

    Target(String hostName, int port) {
        this.host = new HttpHost("http", hostName, port);
        this.label = hostName + ":" + port;
    }

    HttpHost host() {
        return host;
    }

    String label() {
        return label;
    }

    int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** Healthy by the checks and not ejected: a candidate for new requests. */
    boolean available(long nowNanos) {
        return checkedHealthy && !ejected(nowNanos);
    }

    boolean ejected(long nowNanos) {
        long until = ejectedUntilNanos;
        return until != 0 && nowNanos - until < 0;
    }

    boolean checkedHealthy() {
        return checkedHealthy;
    }

    /** Claims the target for one health check; false while one is in flight. */
    boolean startCheck() {
        return checking.compareAndSet(false, true);
    }

    /**
     * Ends a health check: {@code healthyThreshold} passes in a row make the target healthy,
     * {@code unhealthyThreshold} failures in a row unhealthy. Returns true when the verdict changed.
     */
    synchronized boolean endCheck(boolean passed, int healthyThreshold, int unhealthyThreshold) {
        try {
            if (passed) {
                checkFailures = 0;
                checkPasses = Math.min(checkPasses + 1, healthyThreshold);
                if (!checkedHealthy && checkPasses >= healthyThreshold) {
                    checkedHealthy = true;
                    return true;
                }
            } else {
                checkPasses = 0;
                checkFailures = Math.min(checkFailures + 1, unhealthyThreshold);
                if (checkedHealthy && checkFailures >= unhealthyThreshold) {
                    checkedHealthy = false;
                    return true;
                }
            }
            return false;
        } finally {
            checking.set(false);
        }
    }

    void succeeded() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
        if (ejectedUntilNanos != 0) {
            ejectedUntilNanos = 0;
        }
    }

    void failed(long nowNanos, long ejectionNanos) {
        int failures = consecutiveFailures.incrementAndGet();
        if (failures >= TargetGroupRuntime.EJECT_AFTER_FAILURES && !ejected(nowNanos)) {
            ejectedUntilNanos = nowNanos + ejectionNanos;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
