package dev.triage.console.connection;

import static java.util.Objects.requireNonNull;

import dev.triage.agent.client.AgentClient;
import dev.triage.console.overview.AgentsAbsorbed;
import dev.triage.console.overview.CloudWatchLiveSources;
import dev.triage.console.overview.LiveSources;
import dev.triage.console.security.SecuritySource;
import dev.triage.core.aws.acm.AcmCertificates;
import dev.triage.core.aws.cloudwatch.CloudWatchMetrics;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.aws.context.AwsPlace;
import dev.triage.core.aws.context.Identity;
import dev.triage.core.aws.elbv2.Elbv2LoadBalancers;
import dev.triage.core.aws.s3.S3AccessLogs;
import dev.triage.core.change.AuditJournal;
import dev.triage.core.domain.LoadBalancer;
import dev.triage.core.fleet.AdminApiFleet;
import dev.triage.core.fleet.FleetAgent;
import dev.triage.core.fleet.FleetFile;
import dev.triage.core.metrics.StatsSource;
import dev.triage.core.port.AccessLogs;
import dev.triage.core.port.AgentFleet;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import dev.triage.core.security.HeaderGates;
import dev.triage.core.slo.Slo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An AWS account and region through core: ELBv2 for the load balancers, ACM for certificates, STS
 * for the banner's identity, CloudWatch for the overview (per minute, of the application load balancer the
 * overview chooses), and the agents of a fleet file when one is given (their failures absorbed, sampled once
 * a second, show under the CloudWatch numbers).
 */
final class AwsConnection implements Connection {

    private final Place place;
    private final WritePolicy policy;
    private final AwsContext context;
    private final Elbv2LoadBalancers loadBalancers;
    private final AcmCertificates certificates;
    private final CloudWatchMetrics cloudWatch;
    private final LiveSources live;
    private final AgentClient client;
    private final AdminApiFleet fleet;
    private final SecuritySource security;
    private final AuditJournal journal;
    private final List<AutoCloseable> sampling; // the agents' sampler and its thread, when a fleet file gave agents
    private S3AccessLogs accessLogs;

    private AwsConnection(
            Place place,
            WritePolicy policy,
            AwsContext context,
            Elbv2LoadBalancers loadBalancers,
            AcmCertificates certificates,
            CloudWatchMetrics cloudWatch,
            LiveSources live,
            AgentClient client,
            List<FleetAgent> agents,
            AuditJournal journal,
            List<AutoCloseable> sampling) {
        this.place = place;
        this.policy = policy;
        this.context = context;
        this.loadBalancers = loadBalancers;
        this.certificates = certificates;
        this.cloudWatch = cloudWatch;
        this.live = live;
        this.client = client;
        this.fleet = new AdminApiFleet(agents, client);
        this.security =
                agents.isEmpty() ? SecuritySource.NONE : new AgentSecuritySource(client, agents, HeaderGates.NONE);
        this.journal = journal;
        this.sampling = List.copyOf(sampling);
    }

    /**
     * Opens the account (blocking: STS and ELBv2 answer before this returns, so a missing permission
     * or an expired SSO session shows at once, in words).
     */
    static AwsConnection open(AwsChoice choice, Path journalFile) {
        requireNonNull(choice, "choice");
        requireNonNull(journalFile, "journalFile");
        List<FleetAgent> agents = choice.agents() == null ? List.of() : FleetFile.read(choice.agents());
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            AwsContext context = AwsContext.open(new AwsPlace(choice.profile(), choice.region(), null));
            opened.add(context);
            Identity identity = context.whoAmI();
            Elbv2LoadBalancers elbv2 = Elbv2LoadBalancers.open(context);
            opened.add(elbv2);
            List<LoadBalancer> found = elbv2.loadBalancers();
            AcmCertificates acm = AcmCertificates.open(context);
            opened.add(acm);
            CloudWatchMetrics cloudWatch = CloudWatchMetrics.open(context);
            opened.add(cloudWatch);
            AgentClient client = AgentClient.create();
            opened.add(client);
            Optional<AgentsAbsorbed> absorbed = Optional.empty();
            List<AutoCloseable> sampling = new ArrayList<>();
            if (!agents.isEmpty()) {
                AgentsAbsorbed sampled =
                        AgentsAbsorbed.create(agents, StatsSource.over(client), Slo.DEFAULT, Clock.systemUTC());
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                        .daemon()
                        .name("overview-agents-sampler")
                        .factory());
                sampling.add(scheduler::shutdownNow);
                sampling.add(sampled);
                opened.addAll(sampling);
                sampled.start(scheduler);
                absorbed = Optional.of(sampled);
            }
            Place place = place(choice, identity, context.regionId(), found.size());
            return new AwsConnection(
                    place,
                    choice.writePolicy(),
                    context,
                    elbv2,
                    acm,
                    cloudWatch,
                    new CloudWatchLiveSources(
                            cloudWatch, elbv2::loadBalancers, Slo.DEFAULT, Clock.systemUTC(), absorbed),
                    client,
                    agents,
                    new AuditJournal(journalFile),
                    sampling);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    static Place place(AwsChoice choice, Identity identity, String region, int loadBalancers) {
        return new Place(
                Place.Kind.AWS,
                identity.account() + " / " + region,
                identity.arn() + "  (profile " + choice.profile() + ", " + loadBalancers + " load balancer"
                        + (loadBalancers == 1 ? "" : "s") + ")",
                choice.remembered());
    }

    @Override
    public Place place() {
        return place;
    }

    @Override
    public WritePolicy writePolicy() {
        return policy;
    }

    @Override
    public LoadBalancers loadBalancers() {
        return loadBalancers;
    }

    @Override
    public AuditJournal journal() {
        return journal;
    }

    /** CloudWatch's AWS/ApplicationELB metrics, per minute. */
    @Override
    public Optional<dev.triage.core.port.Metrics> metrics() {
        return Optional.of(cloudWatch);
    }

    @Override
    public LiveSources live() {
        return live;
    }

    @Override
    public SecuritySource security() {
        return security;
    }

    @Override
    public AgentFleet fleet() {
        return fleet;
    }

    @Override
    public Optional<Certificates> certificates() {
        return Optional.of(certificates);
    }

    /** S3 access logs, opened on first use (a scan): most sessions never read them. */
    @Override
    public synchronized Optional<AccessLogs> accessLogs() {
        if (accessLogs == null) {
            accessLogs = S3AccessLogs.open(context, (key, problem) -> {});
        }
        return Optional.of(accessLogs);
    }

    @Override
    public void close() {
        S3AccessLogs logs;
        synchronized (this) {
            logs = accessLogs;
        }
        if (logs != null) {
            logs.close();
        }
        closeAll(sampling);
        closeAll(List.of(client, cloudWatch, certificates, loadBalancers, context));
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts.reversed()) {
            try {
                part.close();
            } catch (Exception ignored) {
                // best effort on the way out; the parts are independent
            }
        }
    }
}
