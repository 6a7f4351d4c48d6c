package dev.triage.console.connection;

import dev.triage.console.overview.LiveSources;
import dev.triage.console.security.SecuritySource;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.port.Metrics;
import java.time.Duration;
import java.util.Optional;

/**
 * What one console window acts on: where (for the banner), the load balancers, the audit journal
 * every change is written to, and the live numbers. Opened off the UI thread, closed on exit.
 */
public interface Connection extends AutoCloseable {

    Place place();

    LoadBalancers loadBalancers();

    AuditJournal journal();

    /** The overview's live sources: the lab's agents, or CloudWatch per application load balancer on AWS. */
    LiveSources live();

    /** The agents' security event streams and header gates; none where the place has no agents. */
    default SecuritySource security() {
        return SecuritySource.NONE;
    }

    /** The agents this connection reaches over their admin API (for the lab: all of its agents). */
    AgentFleet fleet();

    /** The certificate store, when the place has one (ACM on AWS); the lab has none. */
    default Optional<Certificates> certificates() {
        return Optional.empty();
    }

    /** The load balancers' access logs (S3 on AWS, the edge agent's log in the lab), when the place has them. */
    default Optional<AccessLogs> accessLogs() {
        return Optional.empty();
    }

    /**
     * The metrics port the progressive shift's gates read: the lab's per-second metrics from the agents' stats
     * (the same the overview shows), CloudWatch on AWS; none where the place has neither.
     */
    default Optional<Metrics> metrics() {
        return Optional.empty();
    }

    /** The period of {@link #metrics()}: 60 s for CloudWatch, 1 s for agents. */
    default Duration metricsPeriod() {
        return Duration.ofSeconds(60);
    }

    /** Whether writes are allowed: the lab's always are; an AWS profile may be read-only or protected. */
    default WritePolicy writePolicy() {
        return WritePolicy.NORMAL;
    }

    /** Stops what this connection started (the embedded lab) and closes its clients. */
    @Override
    void close();

    /**
     * Where the window acts, for the banner.
     *
     * @param kind the lab or an AWS account
     * @param title e.g. "Lab (embedded)" or "123456789012 / eu-west-1"
     * @param detail e.g. the load balancer's address, or the identity
     * @param remembered what to store as the last connection ("embedded", "lab:FILE" or "aws:PROFILE[@REGION]")
     */
    record Place(Kind kind, String title, String detail, String remembered) {
        public enum Kind {
            LAB,
            AWS
        }
    }
}
