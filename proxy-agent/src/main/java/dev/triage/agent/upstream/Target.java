package dev.triage.agent.upstream;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.HttpHost;

/** One upstream endpoint of a target group, with its passive health. */
final class Target {

    private final HttpHost host;
    private final String label;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** Zero while healthy; else the clock reading when the ejection ends. */
    private volatile long ejectedUntilNanos;

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

    boolean available(long nowNanos) {
        long until = ejectedUntilNanos;
        return until == 0 || nowNanos - until >= 0;
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
        if (failures >= TargetGroupRuntime.EJECT_AFTER_FAILURES && available(nowNanos)) {
            ejectedUntilNanos = nowNanos + ejectionNanos;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
