package dev.triage.core.port;

import dev.triage.core.accesslog.AlbLogEntry;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A load balancer's access logs (S3, delivered every 5 minutes; no request headers). Errors: see
 * the package documentation; logging turned off is {@code NotFound} naming the load balancer.
 */
public interface AccessLogs {

    /**
     * The entries whose request time is in {@code [from, to)}, read lazily. The caller closes the
     * stream; a malformed line is skipped and reported through the adapter's callback, an I/O
     * failure while streaming surfaces as {@code Unavailable}.
     */
    Stream<AlbLogEntry> entries(String loadBalancerArn, Instant from, Instant to);
}
