package dev.triage.core.aws.cloudwatch;

import dev.triage.core.domain.CoreException;
import dev.triage.core.port.MetricQuery;
import dev.triage.core.port.MetricQuery.Metric;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * What AWS/ApplicationELB publishes for a scope, as GetMetricData queries. The dimensions take the ARN suffixes
 * ({@code app/name/id}, {@code targetgroup/name/id}). Per target group every metric uses (TargetGroup, LoadBalancer);
 * per load balancer the counts and response times use (LoadBalancer), and the host counts, which AWS publishes per
 * target group only, are the SUM of a SEARCH over the load balancer's target groups.
 */
final class AlbDimensions {

    static final String NAMESPACE = "AWS/ApplicationELB";

    private static final Pattern LOAD_BALANCER =
            Pattern.compile("arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:loadbalancer/(app/[^/]+/[^/]+)");
    private static final Pattern TARGET_GROUP =
            Pattern.compile("arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:(targetgroup/[^/]+/[^/]+)");

    private final String loadBalancer;
    private final String targetGroup;

    private AlbDimensions(String loadBalancer, String targetGroup) {
        this.loadBalancer = loadBalancer;
        this.targetGroup = targetGroup;
    }

    /** The dimensions of a scope; a route is NotFound (CloudWatch has no per-rule metrics). */
    static AlbDimensions of(MetricQuery.Scope scope) {
        return switch (scope) {
            case MetricQuery.Scope.LoadBalancerScope(String lb) -> new AlbDimensions(loadBalancer(lb), null);
            case MetricQuery.Scope.TargetGroupScope(String lb, String tg) ->
                new AlbDimensions(loadBalancer(lb), targetGroup(tg));
            case MetricQuery.Scope.RouteScope(String rule) ->
                throw new CoreException.NotFound(
                        "CloudWatch metrics for rule",
                        rule + " (CloudWatch publishes AWS/ApplicationELB metrics per load balancer and target group,"
                                + " never per rule; per-route metrics come from the agents)");
        };
    }

    /** The query with id {@code id} for {@code metric}, every {@code periodSeconds}. */
    MetricDataQuery query(String id, Metric metric, int periodSeconds) {
        String stat = statistic(metric);
        boolean hostCount = metric == Metric.HEALTHY_HOST_COUNT || metric == Metric.UNHEALTHY_HOST_COUNT;
        if (targetGroup == null && hostCount) {
            String search = "{" + NAMESPACE + ",LoadBalancer,TargetGroup} MetricName=\"" + metric.cloudWatchName()
                    + "\" LoadBalancer=\"" + loadBalancer + "\"";
            return MetricDataQuery.builder()
                    .id(id)
                    .label(seriesName(metric))
                    .expression("SUM(SEARCH('" + search + "', '" + stat + "', " + periodSeconds + "))")
                    .returnData(true)
                    .build();
        }
        if (targetGroup != null && metric == Metric.ELB_5XX_COUNT) {
            throw new CoreException.NotFound(
                    "CloudWatch metric " + metric.cloudWatchName() + " for target group",
                    targetGroup + " (AWS publishes it per load balancer only: the load balancer itself answered those"
                            + " 5XX, no target did)");
        }
        List<Dimension> dimensions = targetGroup == null
                ? List.of(dimension("LoadBalancer", loadBalancer))
                : List.of(dimension("TargetGroup", targetGroup), dimension("LoadBalancer", loadBalancer));
        return MetricDataQuery.builder()
                .id(id)
                .label(seriesName(metric))
                .metricStat(s -> s.metric(m -> m.namespace(NAMESPACE)
                                .metricName(metric.cloudWatchName())
                                .dimensions(dimensions))
                        .period(periodSeconds)
                        .stat(stat))
                .returnData(true)
                .build();
    }

    /**
     * The statistic: Sum for counts, p50/p99 for the response time, and the worst value of the minute for host
     * counts (Minimum healthy, Maximum unhealthy), so a target that flapped within the minute shows.
     */
    static String statistic(Metric metric) {
        return switch (metric) {
            case REQUEST_COUNT, TARGET_5XX_COUNT, ELB_5XX_COUNT -> "Sum";
            case TARGET_RESPONSE_TIME_P50 -> "p50";
            case TARGET_RESPONSE_TIME_P99 -> "p99";
            case HEALTHY_HOST_COUNT -> "Minimum";
            case UNHEALTHY_HOST_COUNT -> "Maximum";
        };
    }

    /** The series' name: the CloudWatch metric name, with the percentile for the response times. */
    static String seriesName(Metric metric) {
        return switch (metric) {
            case TARGET_RESPONSE_TIME_P50, TARGET_RESPONSE_TIME_P99 ->
                metric.cloudWatchName() + " " + statistic(metric);
            default -> metric.cloudWatchName();
        };
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private static String loadBalancer(String arn) {
        Matcher m = LOAD_BALANCER.matcher(arn);
        if (!m.matches()) {
            throw new CoreException.Invalid(
                    "CloudWatch metrics",
                    List.of("load balancer ARN: '" + arn + "' (expected: an Application Load Balancer ARN, such as"
                            + " arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID)"));
        }
        return m.group(1);
    }

    private static String targetGroup(String arn) {
        Matcher m = TARGET_GROUP.matcher(arn);
        if (!m.matches()) {
            throw new CoreException.Invalid(
                    "CloudWatch metrics",
                    List.of("target group ARN: '" + arn + "' (expected: a target group ARN, such as"
                            + " arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID)"));
        }
        return m.group(1);
    }
}
