package dev.triage.console.overview;

import dev.triage.core.slo.Slo;
import java.time.Duration;

/**
 * Where the overview's numbers come from: core's metrics, read into one {@link Snapshot} per call. On the
 * lab, {@link AgentsLiveSource} (core's per-second {@code LiveMetrics}, filled by a {@code StatsSampler});
 * on AWS, {@link CloudWatchLiveSource} (core's {@code Metrics} port over CloudWatch, per minute). The
 * ViewModel polls it every {@link #every()} through its background tasks.
 */
public interface LiveSource {

    /** Reads what the overview shows now; blocking. Throws when the source cannot be reached (the view marks data stale). */
    Snapshot read() throws Exception;

    /** How often reading is worth it: once a second for agents, once a minute for CloudWatch. */
    Duration every();

    /** Who answers, for the stale marker: "the load balancer's agent", "CloudWatch". */
    String who();

    /** The objective the numbers are measured against. */
    Slo slo();
}
