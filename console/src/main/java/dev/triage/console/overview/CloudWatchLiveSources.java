package dev.triage.console.overview;

import static java.util.Objects.requireNonNull;

import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.port.MetricQuery.Scope.LoadBalancerScope;
import dev.triage.core.port.Metrics;
import dev.triage.core.slo.Slo;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The overview's sources on AWS: one {@link CloudWatchLiveSource} per application load balancer of the region
 * (listed through ELBv2 each time the overview asks; a choice's key is the load balancer's ARN). Network and
 * gateway load balancers have none of the ALB's HTTP metrics, so they are not offered.
 */
public final class CloudWatchLiveSources implements LiveSources {

    /** What the overview shows where the region has no application load balancer. */
    public static final String NO_LOAD_BALANCER = "no application load balancer in this region: CloudWatch has"
            + " nothing to show (the Traffic, TLS, Fleet and Security screens work)";

    private final Metrics metrics;
    private final Supplier<List<LoadBalancer>> loadBalancers;
    private final Slo slo;
    private final Clock clock;
    private final Optional<AgentsAbsorbed> agents;

    /**
     * @param loadBalancers lists the region's load balancers (blocking: ELBv2)
     */
    public CloudWatchLiveSources(Metrics metrics, Supplier<List<LoadBalancer>> loadBalancers, Slo slo, Clock clock) {
        this(metrics, loadBalancers, slo, clock, Optional.empty());
    }

    /**
     * @param agents the fleet file's agents, sampled per second (owned by the caller): every source shows their
     *     failures absorbed
     */
    public CloudWatchLiveSources(
            Metrics metrics,
            Supplier<List<LoadBalancer>> loadBalancers,
            Slo slo,
            Clock clock,
            Optional<AgentsAbsorbed> agents) {
        this.agents = requireNonNull(agents, "agents");
        this.metrics = requireNonNull(metrics, "metrics");
        this.loadBalancers = requireNonNull(loadBalancers, "loadBalancers");
        this.slo = requireNonNull(slo, "slo");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public List<Choice> choices() {
        return loadBalancers.get().stream()
                .filter(lb -> lb.type() == LoadBalancer.Type.APPLICATION)
                .map(lb -> new Choice(lb.arn(), lb.name()))
                .toList();
    }

    /** A new source with no history: its first read asks CloudWatch for the last 24 hours. */
    @Override
    public LiveSource open(Choice choice) {
        requireNonNull(choice, "choice");
        return new CloudWatchLiveSource(
                metrics, new LoadBalancerScope(choice.key()), choice.label(), slo, clock, agents);
    }

    @Override
    public String none() {
        return NO_LOAD_BALANCER;
    }
}
