package dev.triage.core.port;

import dev.triage.core.domain.MetricSeries;
import java.util.List;

/**
 * Metrics for a load balancer, target group or route: CloudWatch per minute, agents per second.
 * Missing points come back as zero. Errors: see the package documentation; a scope the source
 * does not know is {@code NotFound}.
 */
public interface Metrics {

    /** One series per requested metric, in the order asked, each covering the whole range. */
    List<MetricSeries> series(MetricQuery query);
}
